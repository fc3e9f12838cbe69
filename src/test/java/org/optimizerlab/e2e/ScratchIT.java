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
                page.open(server.url("/lessons/training-race?lang=" + lang + "&speed=5000"));
                page.runToEnd();
                page.scrollPanelToTop();
                browser.screenshot("scratch-training-" + lang);
                System.out.println("CONSOLE " + browser.consoleErrors());
                System.out.println("SERIES " + page.plottedSeries().keySet());
            }
        } finally {
            browser.close();
        }
    }
}
