package org.optimizerlab.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The error pages Jetty writes itself, for requests it refuses before Javalin sees them (a malformed request line
 * or URI: 400; a URI too long: 414; headers too large: 431): the same {@link SecurityHeaders} as every other
 * answer, and a one-line plain text body ({@code 400 Bad Request}) that never carries Jetty's message, the request
 * or an exception. Installed as the Jetty server's error handler by the app factory.
 */
public final class PlainErrorPages extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.forHost(request.getHeaders().get(HttpHeader.HOST)).forEach(response.getHeaders()::put);
        return super.handle(request, response, callback);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = (code + " " + HttpStatus.getMessage(code) + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
