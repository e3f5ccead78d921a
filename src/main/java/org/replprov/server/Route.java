package org.replprov.server;

import org.replprov.server.http.Handler;

/**
 * Where a request goes: its protocol (the {@code protocol} label of the request metrics), the handler, whether it
 * needs authentication, how refusals before the handler (401, 403, 413, 503) are worded, and how it runs.
 *
 * @param inline   the handler is quick and never blocks (the health check): it runs on the I/O thread, so it answers
 *                 even when every worker is busy
 * @param jsonBody a POST to it carries a JSON body, which must be sent as {@code application/json}
 */
record Route(String protocol, Handler handler, boolean authenticated, Refusals refusals, boolean inline,
             boolean jsonBody) {

    /** How the pipeline words a refusal for this route's clients. */
    enum Refusals {
        /** CIM-XML clients: status and headers, empty body (DSP0200 clients look at the status only). */
        CIM_XML,
        /** JSON clients: a JSON error object. */
        JSON,
        /** Anything else: plain text. */
        TEXT
    }
}
