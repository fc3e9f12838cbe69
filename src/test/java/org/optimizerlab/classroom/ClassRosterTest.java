package org.optimizerlab.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory roster of the class view: places, names, hiding, step counting and its bounds. */
class ClassRosterTest {
    private final ClassRoster roster = ClassRoster.withNames(Clock.fixed(Instant.parse("2026-12-05T02:00:00Z"),
            ZoneOffset.UTC), List.of(new Student("ana", "Ana", Instant.EPOCH)));

    @Test
    void aPlaceIsListedOnceItsStudentSaidHelloWithTheStoredNameBeforeTheHelloName() {
        roster.joined("c1");
        roster.joined("c2");
        roster.hello("c1", "ana", Optional.of("A."), "momentum", "valley");
        ClassRoster.Snapshot snapshot = roster.snapshot();
        assertThat(snapshot.seats()).singleElement().satisfies(seat -> {
            assertThat(seat.name()).contains("Ana");
            assertThat(seat.number()).isEqualTo(1);
            assertThat(seat.state()).isEqualTo("idle");
        });
        assertThat(snapshot.anonymous()).isEqualTo(1);
        assertThat(roster.connectionsOn(Optional.of("momentum"))).containsExactly("c1");
        assertThat(roster.connectionsOn(Optional.of("sgd"))).isEmpty();
        roster.hello("c2", "bo", Optional.of("Bo"), "sgd", "");
        assertThat(roster.connectionsOn(Optional.empty())).containsExactlyInAnyOrder("c1", "c2");
        roster.left("c1");
        assertThat(roster.snapshot().perLesson()).containsOnlyKeys("sgd");
    }

    @Test
    void stepsAreCountedForwardOnlySoANewExperimentDoesNotSubtract() {
        roster.joined("c1");
        roster.state("c1", "running", false, 0);
        roster.stepped("c1", 100);
        roster.state("c1", "paused", false, 0);      // reset
        roster.stepped("c1", 30);
        assertThat(roster.snapshot().stepsTotal()).isEqualTo(130);
    }

    @Test
    void hiddenStudentsAreCountedButNotListed() {
        roster.joined("c1");
        roster.hello("c1", "ana", Optional.empty(), "momentum", "valley");
        roster.hide("ana", true);
        ClassRoster.Snapshot snapshot = roster.snapshot();
        assertThat(snapshot.seats()).isEmpty();
        assertThat(snapshot.hidden()).isEqualTo(1);
        assertThat(snapshot.perLesson()).containsEntry("momentum", 1);
        roster.hide("ana", false);
        assertThat(roster.snapshot().seats()).hasSize(1);
    }

    @Test
    void madeUpIdsInEveryHelloStopBeingNumberedAndListsAreCut() {
        roster.joined("c");
        for (int i = 0; i < ClassRoster.MAX_NUMBERED + 50; i++) {
            roster.hello("c", "id" + i, Optional.empty(), "momentum", "");
        }
        assertThat(roster.snapshot().seats()).singleElement().satisfies(seat -> assertThat(seat.number()).isZero());
        for (int i = 0; i < ClassRoster.MAX_LISTED + 5; i++) {
            roster.joined("p" + i);
            roster.hello("p" + i, "id" + i, Optional.empty(), "momentum", "");
        }
        ClassRoster.Snapshot snapshot = roster.snapshot();
        assertThat(snapshot.seats()).hasSize(ClassRoster.MAX_LISTED);
        assertThat(snapshot.listed()).isEqualTo(ClassRoster.MAX_LISTED + 6);
    }

    @Test
    void otherReplicasStudentsAreMergedNumberedNamedAndHiddenHere() {
        roster.joined("c1");
        roster.hello("c1", "ana", Optional.empty(), "momentum", "valley");
        roster.joined("c2");
        roster.refused();
        ClassRoster other = new ClassRoster(Clock.systemUTC());
        other.joined("x1");
        other.hello("x1", "bo", Optional.of("Bo"), "sgd", "");
        other.joined("x2");
        other.hello("x2", "ana", Optional.empty(), "sgd", "");
        other.joined("x3");
        other.hello("x3", "cy", Optional.of("Cy"), "momentum", "");
        other.joined("x4");
        other.refused();
        other.refused();
        ClassRoster.Share share = other.share();
        assertThat(share.places()).isEqualTo(3);
        assertThat(share.anonymous()).isEqualTo(1);

        roster.hide("cy", true);
        ClassRoster.Snapshot merged = roster.snapshot(List.of(share));
        assertThat(merged.seats()).extracting(ClassRoster.Seat::studentId).containsExactly("ana", "ana", "bo");
        assertThat(merged.seats()).extracting(ClassRoster.Seat::number).containsExactly(1, 1, 2);
        assertThat(merged.seats().get(1).name()).as("the name known here").contains("Ana");
        assertThat(merged.seats().get(2).name()).contains("Bo");
        assertThat(merged.listed()).isEqualTo(3);
        assertThat(merged.hidden()).isEqualTo(1);
        assertThat(merged.anonymous()).isEqualTo(2);
        assertThat(merged.refused()).isEqualTo(3);
        assertThat(merged.perLesson()).containsEntry("momentum", 2).containsEntry("sgd", 2);
        assertThat(roster.snapshot().seats()).as("this server's own").hasSize(1);

        roster.hideOnly(java.util.Set.of("bo"));
        assertThat(roster.snapshot(List.of(share)).seats()).extracting(ClassRoster.Seat::studentId)
                .containsExactly("ana", "ana", "cy");
    }

    @Test
    void aSharedRosterIsCutButCountsEveryone() {
        for (int i = 0; i < ClassRoster.MAX_LISTED + 10; i++) {
            roster.joined("c" + i);
            roster.hello("c" + i, "s" + i, Optional.empty(), "momentum", "");
        }
        ClassRoster.Share share = roster.share();
        assertThat(share.seats()).hasSize(ClassRoster.MAX_LISTED);
        assertThat(share.places()).isEqualTo(ClassRoster.MAX_LISTED + 10);
        ClassRoster.Snapshot merged = new ClassRoster(Clock.systemUTC()).snapshot(List.of(share));
        assertThat(merged.listed()).isEqualTo(ClassRoster.MAX_LISTED + 10);
        assertThat(merged.perLesson()).containsEntry("momentum", ClassRoster.MAX_LISTED + 10);
    }
}
