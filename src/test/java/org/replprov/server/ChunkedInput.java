package org.replprov.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.replprov.testing.RawHttp;

/** The decoded body of a chunked response, read as it arrives (for event streams). */
final class ChunkedInput extends InputStream {

    private final InputStream in;
    private int left;
    private boolean done;

    ChunkedInput(RawHttp http) {
        this.in = http.input();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            String size = line();
            if (size == null) {
                done = true;
                return -1;
            }
            left = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (left == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, Math.min(len, left));
        if (n < 0) {
            done = true;
            return -1;
        }
        left -= n;
        if (left == 0) {
            line();
        }
        return n;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
