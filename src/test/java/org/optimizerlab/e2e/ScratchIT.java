package org.optimizerlab.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LabServer.Extension.class)
class ScratchIT {
    @Test
    void look(LabServer server) {
        Browser browser = Browser.start("scratch");
        try {
            LessonPage page = new LessonPage(browser.driver());
            for (String lang : new String[] {"en", "zh"}) {
                page.open(server.url("/lessons/activations?lang=" + lang), "activations");
                page.waitFor("computed", d -> "done".equals(page.element("activations-status").getAttribute("data-state")));
                page.scrollPanelToTop();
                browser.screenshot("scratch-activations-" + lang);
                System.out.println("CONSOLE " + browser.consoleErrors());
                page.open(server.url("/lessons/search?lang=" + lang), "search");
                page.waitFor("ready", d -> "paused".equals(page.element("search-status").getAttribute("data-state")));
                page.click("btn-search-start");
                page.waitFor("done", d -> "done".equals(page.element("search-status").getAttribute("data-state")));
                page.scrollPanelToTop();
                browser.screenshot("scratch-search-" + lang);
                System.out.println("CONSOLE " + browser.consoleErrors());
            }
        } finally {
            browser.close();
        }
    }
}
