package org.replprov.engines.sambaad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.EngineException;

/**
 * Runs {@code samba-tool drs replicate} (DsReplicaSync, MS-DRSR §4.1.23, on the local DC for one source and NC): no
 * maintained Java library speaks DRSUAPI, and samba-tool is on every Samba DC. The password reaches samba-tool in
 * its {@code PASSWD} environment variable, never on the command line (which {@code ps} shows to every user). The
 * run is bounded by a timeout, its output captured (at most {@link #MAX_OUTPUT} bytes kept) and its end mapped to
 * a return code:
 *
 * <pre>
 * exit 0                                   success
 * exit != 0, output names "(N, 'WERR_…')"  N: the WERROR DsReplicaSync returned (8457 WERR_DS_DRA_SINK_DISABLED, …)
 * exit != 0, no WERROR in the output       ERROR_DS_DRA_GENERIC (8436)
 * no end within the timeout (killed)       ERROR_TIMEOUT (1460)
 * samba-tool cannot be started             the engine call fails (not a refusal)
 * </pre>
 */
final class SambaTool {

    static final int MAX_OUTPUT = 64 * 1024;
    private static final Pattern WERROR = Pattern.compile("\\((\\d{1,10}), '(WERR_[A-Z0-9_]+)'\\)");

    private final SambaAdSettings settings;

    SambaTool(SambaAdSettings settings) {
        this.settings = settings;
    }

    /** What a run printed and how it ended. */
    record Run(int exitCode, String output, boolean timedOut) {

        /** The return code of this run: 0 for success. */
        int returnCode() {
            if (timedOut) {
                return Win32Error.ERROR_TIMEOUT.code();
            }
            if (exitCode == 0) {
                return 0;
            }
            return werror(output).orElse(Win32Error.ERROR_DS_DRA_GENERIC.code());
        }
    }

    /** The WERROR a samba-tool error message names: {@code DsReplicaSync failed (8457, 'WERR_DS_DRA_SINK_DISABLED')}. */
    static OptionalInt werror(String output) {
        Matcher m = WERROR.matcher(output);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        long code = Long.parseLong(m.group(1));
        return code > 0 && code <= 0xFFFF_FFFFL ? OptionalInt.of((int) code) : OptionalInt.empty();
    }

    /** DsReplicaSync of {@code nc} on {@code destination} from {@code source} (their DNS names). */
    Run replicate(String destination, String source, String nc) throws EngineException {
        List<String> command = new ArrayList<>(settings.sambaTool());
        command.addAll(List.of("drs", "replicate", destination, source, nc, "-U", settings.directory().user()));
        command.addAll(settings.sambaToolOptions());
        return run(command);
    }

    private Run run(List<String> command) throws EngineException {
        char[] password;
        try {
            password = settings.password().read();
        } catch (IOException e) {
            throw EngineException.failed("cannot read the password from " + settings.password() + ": "
                    + e.getMessage(), null);
        }
        Path out = null;
        try {
            out = Files.createTempFile("replprov-samba-tool", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("PASSWD", new String(password));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw EngineException.failed("cannot run " + command.get(0) + ": " + e.getMessage(), e);
            } finally {
                pb.environment().remove("PASSWD");
            }
            boolean done;
            try {
                done = p.waitFor(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The host gave up on the call: so do we.
                kill(p);
                Thread.currentThread().interrupt();
                throw EngineException.timedOut(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " was interrupted");
            }
            if (!done) {
                kill(p);
            }
            return new Run(done ? p.exitValue() : -1, head(out), !done);
        } catch (IOException e) {
            throw EngineException.failed("cannot capture samba-tool's output: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        }
    }
}
