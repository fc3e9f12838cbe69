package org.optimizerlab.app;

import org.optimizerlab.classroom.InstructorToken;

/**
 * The line the server prints on standard output once it listens, so that {@code docker run} and its log are all an
 * instructor needs: with a generated token, a sign-in link that carries it in the fragment
 * ({@code http://HOST:PORT/instructor/login#token=...}: a fragment is never sent to a server, and the page takes
 * it out of the address); with {@code OPTLAB_INSTRUCTOR_TOKEN}, the sign-in address only.
 */
final class InstructorLoginNotice {

    private InstructorLoginNotice() {
    }

    /** The line for a server bound to {@code host} listening on {@code port}. */
    static String line(String host, int port, InstructorToken token) {
        String url = "http://" + browsable(host) + ":" + port + "/instructor/login";
        if (token.generated()) {
            return "Instructor sign-in (a token made for this run; set OPTLAB_INSTRUCTOR_TOKEN to keep one): "
                    + url + "#token=" + token.value();
        }
        return "Instructor sign-in: " + url + " with the token in OPTLAB_INSTRUCTOR_TOKEN";
    }

    /** A host a browser can open: {@code localhost} for a wildcard address, brackets around IPv6. */
    private static String browsable(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
