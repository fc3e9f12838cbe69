package org.optimizerlab.classroom;

import java.time.Duration;
import org.optimizerlab.validation.Check;

/**
 * What one student may ask of one challenge: at most {@code perWindow} submissions in any {@code window}, and at
 * most {@code fullSubmissions} submissions' worth of work in all (the work of a submission is its runs × steps; a
 * full one races the preset's most runs for the whole budget). One client address may send at most
 * {@code perAddress} submissions in a window, whatever student ids it claims (a class behind one NAT shares it).
 *
 * @param perWindow       submissions allowed in any window
 * @param window          the window of the rate limit
 * @param fullSubmissions how many of the largest submissions the total work allows
 * @param perAddress      submissions allowed from one client address in any window
 */
public record ChallengeLimits(int perWindow, Duration window, int fullSubmissions, int perAddress) {

    /** 6 a minute, 30 full submissions per challenge, 120 a minute from one address. */
    public static final ChallengeLimits DEFAULT = new ChallengeLimits(6, Duration.ofMinutes(1), 30, 120);

    public ChallengeLimits {
        Check.intInRange("perWindow", perWindow, 1, 10_000);
        Check.present("window", window);
        Check.intInRange("fullSubmissions", fullSubmissions, 1, 1_000_000);
        Check.intInRange("perAddress", perAddress, 1, 1_000_000);
    }
}
