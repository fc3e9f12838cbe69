package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.InstructorToken;

/** The sign-in line printed at start: a link a browser can open, the token only when it was generated. */
class InstructorLoginNoticeTest {

    @Test
    void aGeneratedTokenGoesInTheFragmentOfALinkABrowserCanOpen() {
        InstructorToken token = InstructorToken.generate();
        assertThat(token.generated()).isTrue();
        assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(InstructorLoginNotice.line("0.0.0.0", 7070, token)).isEqualTo("Instructor sign-in (a token made "
                + "for this run; set OPTLAB_INSTRUCTOR_TOKEN to keep one): http://localhost:7070/instructor/login#token="
                + token.value());
        assertThat(InstructorLoginNotice.line("::", 80, token)).contains("http://localhost:80/instructor/login#");
        assertThat(InstructorLoginNotice.line("fe80::1", 7070, token)).contains("http://[fe80::1]:7070/");
        assertThat(InstructorLoginNotice.line("lab.school.example", 7070, token))
                .contains("http://lab.school.example:7070/");
        assertThat(InstructorToken.generate()).isNotEqualTo(token);
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void aGivenTokenIsNotPrinted() {
        InstructorToken token = InstructorToken.of("the-instructors-own-token");
        assertThat(InstructorLoginNotice.line("127.0.0.1", 8080, token)).isEqualTo(
                "Instructor sign-in: http://127.0.0.1:8080/instructor/login with the token in OPTLAB_INSTRUCTOR_TOKEN");
    }
}
