package org.replprov.server;

import org.replprov.server.http.Handler;

/**
 * Where a request goes: its protocol (the {@code protocol} label of the request metrics), the handler, whether it
 * needs authentication, and how refusals before the handler (401, 503) are worded.
 */
record Route(String protocol, Handler handler, boolean authenticated, Refusals refusals) {

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
