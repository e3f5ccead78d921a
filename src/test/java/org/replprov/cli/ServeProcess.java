package org.replprov.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replprov serve} as a child process, the way an operator or systemd runs it: this JVM's class path, a
 * configuration file, its output in {@code serve.log} beside the file.
 *
 * @param uri where its (first, plain HTTP) listener listens
 */
record ServeProcess(Process process, Path log, URI uri) {

    private static final Pattern READY = Pattern.compile("listening on \\[(http:(?:\\\\)?/(?:\\\\)?/[0-9.]+:[0-9]+"
            + "(?:\\\\)?/)]");

    /** Starts {@code serve --config config} and waits until it logs that it is ready (the log starts afresh). */
    static ServeProcess start(Path config) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = config.resolveSibling("serve.log");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (p.isAlive() && System.currentTimeMillis() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ServeProcess(p, log, URI.create(m.group(1).replace("\\/", "/")));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not get ready; output: " + Files.readString(log));
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
