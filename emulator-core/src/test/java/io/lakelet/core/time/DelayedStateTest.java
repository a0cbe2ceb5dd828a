package io.lakelet.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DelayedStateTest {

    @Test
    void staysTransitionalUntilTheDelayHasPassedOnTheClock() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        DelayedState<String> s = DelayedState.starting("CREATING", "ACTIVE",
                Clock.fixed(t0, ZoneOffset.UTC), Duration.ofMillis(500));

        assertThat(s.at(t0)).isEqualTo("CREATING");
        assertThat(s.at(t0.plusMillis(499))).isEqualTo("CREATING");
        assertThat(s.at(t0.plusMillis(500))).isEqualTo("ACTIVE");
        assertThat(s.isSettled(Clock.fixed(t0.plusSeconds(1), ZoneOffset.UTC))).isTrue();
    }

    @Test
    void aZeroDelayIsSettledOnTheFirstRead() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        DelayedState<String> s = DelayedState.starting("CREATING", "ACTIVE", clock, Duration.ZERO);

        assertThat(s.now(clock)).isEqualTo("ACTIVE");
    }
}
