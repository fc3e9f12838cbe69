package org.optimizerlab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.ClassDatabase;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.validation.FieldException;

/** Names students give themselves are bounded in number: a script inventing student ids cannot fill the store. */
class ClassViewNamesTest {

    @Test
    void newStudentsNameThemselvesUpToTheBoundAndNamedOnesMayRenameThemselves() {
        try (ClassStore store = ClassDatabase.open(new StoreLocation.InMemory(), Clock.systemUTC())) {
            ClassView view = new ClassView(store, ClassRoster.withNames(Clock.systemUTC(), List.of()),
                    new ObjectMapper(), 3);
            view.saveStudentName("student-a", "Ana");
            view.saveStudentName("student-b", "Bo");
            view.saveStudentName("student-c", "Cy");
            assertThatThrownBy(() -> view.saveStudentName("student-d", "Di"))
                    .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("student"))
                    .hasMessage("student: this class has names for 3 students already; ask your instructor");
            assertThat(view.saveStudentName("student-a", "Ana B").displayName()).isEqualTo("Ana B");
            assertThat(view.saveName("student-e", "named by the instructor").displayName())
                    .as("the instructor is not bound").isEqualTo("named by the instructor");
            assertThat(store.students()).hasSize(4);
        }
    }
}
