package org.optimizerlab.classroom;

import java.time.Instant;
import org.optimizerlab.validation.Check;

/**
 * An experiment pushed to the class, as stored: ids grow with every push, so a page that saw push {@code n}
 * asks for those after {@code n}.
 *
 * @param id       the push's number, increasing
 * @param push     what was pushed
 * @param pushedAt when
 */
public record Push(long id, NewPush push, Instant pushedAt) {
    public Push {
        Check.present("push", push);
        Check.present("pushedAt", pushedAt);
    }
}
