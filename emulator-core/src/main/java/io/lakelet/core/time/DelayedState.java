package io.lakelet.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A resource state that settles after a delay, as AWS resources do (a stream is CREATING, then ACTIVE).
 * The state is derived from the injected clock on every read instead of being flipped by a timer, so it
 * is never racy: a client that polls sees CREATING until the moment the delay has passed and ACTIVE from
 * then on, and a test that controls the clock controls the transition. With the default delay of zero the
 * first read after a create already sees the settled state.
 *
 * <p>Services persist {@link #transitional()}, {@link #settled()} and {@link #settlesAt()} with the
 * resource, so the transition survives a restart.
 *
 * @param <S> the state type, usually an SDK enum such as {@code StreamStatus}
 */
public record DelayedState<S>(S transitional, S settled, Instant settlesAt) {

    public DelayedState {
        Objects.requireNonNull(transitional, "transitional");
        Objects.requireNonNull(settled, "settled");
        Objects.requireNonNull(settlesAt, "settlesAt");
    }

    /** A state that is {@code transitional} from now until {@code delay} has passed on {@code clock}. */
    public static <S> DelayedState<S> starting(S transitional, S settled, Clock clock, Duration delay) {
        return new DelayedState<>(transitional, settled, clock.instant().plus(delay));
    }

    /** A state that has already settled. */
    public static <S> DelayedState<S> settledAs(S state) {
        return new DelayedState<>(state, state, Instant.EPOCH);
    }

    /** The state at {@code now}. */
    public S at(Instant now) {
        return now.isBefore(settlesAt) ? transitional : settled;
    }

    public S now(Clock clock) {
        return at(clock.instant());
    }

    public boolean isSettled(Clock clock) {
        return !clock.instant().isBefore(settlesAt);
    }
}
