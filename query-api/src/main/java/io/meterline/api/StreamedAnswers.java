package io.meterline.api;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** What a streamed answer (a CSV export, downsampled JSON) does when storage fails once its body has begun. */
final class StreamedAnswers {

    private StreamedAnswers() {
    }

    /**
     * Breaks the connection mid-body, so the client sees a failed download rather than a body that
     * looks complete: an error answer can't be sent once a 200 began. Aborting the channel alone
     * was not enough under gzip: Javalin finishes its compressing stream after the handler
     * returns, and the client got a whole 200 holding a valid gzip of a CSV cut mid-row.
     */
    static void abort(Context ctx, Throwable cause) {
        ServletChannel channel = ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel();
        channel.abort(cause);
        channel.getEndPoint().close();
    }
}
