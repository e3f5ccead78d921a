package org.replprov.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throwaway Samba {@code smbd} on a free loopback port, all its state in one directory: the real SMB server the
 * smb:// tests run against. Tests that need it fail (never skip) when smbd is not installed, naming the package.
 *
 * <p>smbd runs as {@code setsid smbd --foreground --no-process-group}: in its own session, so that its SIGTERM to
 * "its" process group cannot reach the JVM, and without creating another group, which {@code --foreground} under
 * setsid would refuse. {@link #close} terminates it and every child it forked.
 */
public final class SambaServer implements AutoCloseable {

    public static final String USER = "root";
    public static final String PASSWORD = "replprov-test-pw";

    private final Path dir;
    private final int port;
    private final Map<String, Path> shares;
    private final String smbdPath;
    private final String smbpasswdPath;
    private Process smbd;

    private SambaServer(Path dir, int port, Map<String, Path> shares, String smbdPath, String smbpasswdPath) {
        this.dir = dir;
        this.port = port;
        this.shares = shares;
        this.smbdPath = smbdPath;
        this.smbpasswdPath = smbpasswdPath;
    }

    /** A builder for a server keeping its state in {@code dir}. */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** What to serve and how. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, Path> shares = new LinkedHashMap<>();
        private final List<String> globals = new ArrayList<>();
        private String minProtocol = "SMB2_02";
        private String maxProtocol = "SMB3_11";

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Serves {@code path} as {@code name}, writable, for the test user and guests. */
        public Builder share(String name, Path path) {
            shares.put(name, path);
            return this;
        }

        /** The dialects the server accepts, in smb.conf terms ({@code SMB2_02} … {@code SMB3_11}). */
        public Builder protocols(String min, String max) {
            this.minProtocol = min;
            this.maxProtocol = max;
            return this;
        }

        /** One more {@code [global]} line, e.g. {@code server signing = mandatory}. */
        public Builder global(String line) {
            globals.add(line);
            return this;
        }

        public SambaServer start() throws IOException, InterruptedException {
            SambaServer s = new SambaServer(dir, TestDaemon.freePort(), Map.copyOf(shares),
                    Tools.require("smbd", "samba"), Tools.require("smbpasswd", "samba-common-bin"));
            s.writeConfig(minProtocol, maxProtocol, globals);
            s.addUser();
            s.launch();
            return s;
        }
    }

    public int port() {
        return port;
    }

    /** {@code smb://127.0.0.1:PORT/share/} followed by {@code path}. */
    public URI uri(String share, String path) {
        return URI.create("smb://127.0.0.1:" + port + "/" + share + "/" + path);
    }

    /** The CPU time smbd and the processes it forked for connections have used since it started. */
    public Duration cpu() throws IOException {
        return ProcessCpu.tree(smbd.toHandle());
    }

    /** The log smbd writes (stdout and stderr), for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("smbd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Path conf() {
        return dir.resolve("smb.conf");
    }

    private void writeConfig(String minProtocol, String maxProtocol, List<String> globals) throws IOException {
        for (String d : List.of("lock", "state", "cache", "private", "pid", "ncalrpc", "log")) {
            Files.createDirectories(dir.resolve(d));
        }
        // smb.conf takes no trailing comments: a "# ..." after a value becomes part of it.
        StringBuilder c = new StringBuilder("[global]\n");
        Map<String, String> g = new LinkedHashMap<>();
        g.put("netbios name", "REPLPROVTEST");
        g.put("workgroup", "REPLPROV");
        g.put("server role", "standalone server");
        g.put("interfaces", "127.0.0.1");
        g.put("bind interfaces only", "yes");
        g.put("smb ports", Integer.toString(port));
        g.put("disable netbios", "yes");
        for (String d : List.of("lock", "state", "cache", "pid", "ncalrpc")) {
            g.put(d + " directory", dir.resolve(d).toString());
        }
        g.put("private dir", dir.resolve("private").toString());
        g.put("passdb backend", "tdbsam:" + dir.resolve("private/passdb.tdb"));
        g.put("log file", dir.resolve("log/log.%m").toString());
        g.put("server min protocol", minProtocol);
        g.put("server max protocol", maxProtocol);
        g.put("map to guest", "Bad User");
        g.put("guest account", "nobody");
        g.put("load printers", "no");
        g.put("printing", "bsd");
        g.put("printcap name", "/dev/null");
        g.put("disable spoolss", "yes");
        g.forEach((k, v) -> c.append("   ").append(k).append(" = ").append(v).append('\n'));
        globals.forEach(line -> c.append("   ").append(line).append('\n'));
        shares.forEach((name, path) -> c.append('[').append(name).append("]\n")
                .append("   path = ").append(path).append('\n')
                .append("   read only = no\n   guest ok = yes\n   force user = root\n"));
        Files.writeString(conf(), c.toString(), StandardCharsets.UTF_8);
    }

    private void addUser() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(smbpasswdPath, "-c", conf().toString(), "-s", "-a", USER)
                .redirectErrorStream(true).redirectOutput(dir.resolve("smbpasswd.log").toFile()).start();
        p.getOutputStream().write((PASSWORD + "\n" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("smbpasswd failed: " + Files.readString(dir.resolve("smbpasswd.log")));
        }
    }

    private void launch() throws IOException, InterruptedException {
        smbd = new ProcessBuilder("setsid", smbdPath, "--foreground", "--no-process-group", "--debug-stdout",
                "-s", conf().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("smbd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!listening()) {
            if (!smbd.isAlive()) {
                throw new IOException("smbd exited with " + smbd.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException("smbd did not listen on port " + port + " within 20 s:\n" + log());
            }
            Thread.sleep(20);
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops smbd and its children; the server can be started again with {@link #restart}. */
    public void stop() {
        if (smbd == null) {
            return;
        }
        // Children are re-parented once the parent is gone: remember them first.
        List<ProcessHandle> children = smbd.descendants().toList();
        smbd.destroy();
        try {
            if (!smbd.waitFor(10, TimeUnit.SECONDS)) {
                smbd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                child.destroyForcibly();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        smbd = null;
    }

    /** Starts smbd again on the same port with the same configuration. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    public boolean running() {
        return smbd != null && smbd.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

}
