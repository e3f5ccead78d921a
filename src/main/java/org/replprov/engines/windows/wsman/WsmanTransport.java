package org.replprov.engines.windows.wsman;

import java.util.List;

/** How a SOAP request reaches the service and its answer comes back: one per {@link WsmanAuth}. */
interface WsmanTransport extends AutoCloseable {

    /**
     * One answer, its body as SOAP (already unsealed where the transport encrypts).
     *
     * @param authenticate the WWW-Authenticate values of a 401, for the error message
     */
    record Answer(int status, String contentType, byte[] body, List<String> authenticate) {
    }

    /** POSTs one SOAP envelope and returns the answer, within the settings' call timeout and size limit. */
    Answer post(byte[] soap) throws WsmanException;

    /** Releases the connection, if any. */
    @Override
    void close();
}
