package org.replprov.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.replprov.engines.syncthing.rest.ApiKey;
import org.replprov.engines.syncthing.rest.Connection;
import org.replprov.engines.syncthing.rest.SyncthingClient;
import org.replprov.engines.syncthing.rest.SyncthingException;
import org.replprov.engines.syncthing.rest.SyncthingSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Three real Syncthing instances on 127.0.0.1 ({@code a}, {@code b}, {@code c}; device names {@code member-a} …),
 * each with its own home directory, introduced to each other and sharing folders in a triangle. Nothing leaves the
 * machine: no global or local discovery, relays, NAT traversal, STUN, usage or crash reports, upgrades; the GUI and
 * the sync protocol listen on loopback only, and devices are dialled at fixed {@code tcp://127.0.0.1:port} addresses.
 * Instance {@code c} serves its GUI over HTTPS with the certificate Syncthing makes itself, so that every test also
 * runs the client over TLS with a pinned certificate.
 *
 * <p>Folders: {@code tri} (a, b, c; send-receive), {@code ab} (a send-only, b receive-only), {@code ac} (a, c;
 * alphabetic pull order, one copier, little data in flight: a short transfer keeps a visible queue) and {@code bc}
 * (b, c). Each folder starts with one file, {@code seed.txt}. File-system watchers are off: tests scan explicitly.
 * Each instance gets a random API key.
 *
 * <p>Syncthing 1.19 runs a monitor process that re-executes the real one as its child, even with
 * {@code --no-restart}; {@link Instance#kill} sends SIGKILL to both, {@link Instance#stop} SIGTERM to the monitor,
 * which forwards it. Tests fail (never skip) without the {@code syncthing} package.
 */
public final class SyncthingCluster implements AutoCloseable {

    public static final List<String> NAMES = List.of("a", "b", "c");

    /** folder → member → type. */
    private static final Map<String, Map<String, String>> FOLDERS = Map.of(
            "tri", Map.of("a", "sendreceive", "b", "sendreceive", "c", "sendreceive"),
            "ab", Map.of("a", "sendonly", "b", "receiveonly"),
            "ac", Map.of("a", "sendreceive", "c", "sendreceive"),
            "bc", Map.of("b", "sendreceive", "c", "sendreceive"));

    private static final Pattern DEVICE_ID = Pattern.compile("Device ID: ([A-Z2-7]{7}(?:-[A-Z2-7]{7}){7})");

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private Duration startDuration;

    private SyncthingCluster() {
    }

    /** Generates the three homes in {@code dir}, starts the instances and waits until each is connected to both others. */
    public static SyncthingCluster start(Path dir) throws IOException, InterruptedException {
        String syncthing = Tools.require("syncthing", "syncthing");
        long t0 = System.nanoTime();
        SyncthingCluster cluster = new SyncthingCluster();
        try {
            for (String name : NAMES) {
                Path home = Files.createDirectories(dir.resolve(name));
                cluster.instances.put(name, new Instance(syncthing, name, home, generate(syncthing, home),
                        TestDaemon.freePort(), TestDaemon.freePort(), name.equals("c")));
            }
            for (Instance i : cluster.instances.values()) {
                i.writeConfig(cluster.instances.values());
            }
            for (Instance i : cluster.instances.values()) {
                i.launch();
            }
            for (Instance i : cluster.instances.values()) {
                i.awaitReady();
            }
            cluster.awaitConnected(Duration.ofSeconds(30));
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.startDuration = Duration.ofNanos(System.nanoTime() - t0);
        return cluster;
    }

    /** From the start of {@link #start} to every pair connected. */
    public Duration startDuration() {
        return startDuration;
    }

    public Instance get(String name) {
        Instance i = instances.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no instance " + name + " in " + NAMES);
        }
        return i;
    }

    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** Waits until each running instance is connected to every other running instance. */
    public void awaitConnected(Duration timeout) throws InterruptedException, IOException {
        for (Instance i : instances.values()) {
            for (Instance j : instances.values()) {
                if (i != j && i.running() && j.running()) {
                    i.awaitConnection(j, true, timeout);
                }
            }
        }
    }

    @Override
    public void close() {
        instances.values().forEach(Instance::kill);
    }

    /**
     * The member that puts {@code seed.txt} into a folder before the first start: the first that sends. Every index
     * then holds a file, because Syncthing 1.19 reports a partner whose index of a folder is still empty as 100 %
     * complete whatever the folder holds (its need is counted only once it has announced a file).
     */
    private static String seeder(Map<String, String> members) {
        return members.entrySet().stream().filter(e -> !e.getValue().equals("receiveonly")).map(Map.Entry::getKey)
                .sorted().findFirst().orElseThrow();
    }

    private static String generate(String syncthing, Path home) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(syncthing, "generate", "--home=" + home, "--no-default-folder",
                "--skip-port-probing").redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("syncthing generate failed in " + home + ":\n" + out);
        }
        Matcher m = DEVICE_ID.matcher(out);
        if (!m.find()) {
            throw new IOException("syncthing generate printed no device ID:\n" + out);
        }
        return m.group(1);
    }

    /** One Syncthing instance. */
    public static final class Instance {
        private final String syncthing;
        private final String name;
        private final Path home;
        private final String deviceId;
        private final int guiPort;
        private final int bepPort;
        private final boolean https;
        private final String apiKey;
        private Process process;
        private volatile SyncthingClient client;

        private Instance(String syncthing, String name, Path home, String deviceId, int guiPort, int bepPort,
                         boolean https) {
            this.syncthing = syncthing;
            this.name = name;
            this.home = home;
            this.deviceId = deviceId;
            this.guiPort = guiPort;
            this.bepPort = bepPort;
            this.https = https;
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            this.apiKey = java.util.HexFormat.of().formatHex(random);
        }

        public String name() {
            return name;
        }

        /** The device name the others know it by: {@code member-<name>}. */
        public String deviceName() {
            return "member-" + name;
        }

        public String deviceId() {
            return deviceId;
        }

        public String apiKey() {
            return apiKey;
        }

        public Path home() {
            return home;
        }

        /** Where this instance keeps {@code folder}. */
        public Path folder(String folder) {
            return home.resolve("folders").resolve(folder);
        }

        public List<String> folders() {
            return FOLDERS.entrySet().stream().filter(e -> e.getValue().containsKey(name)).map(Map.Entry::getKey)
                    .sorted().toList();
        }

        public URI guiUrl() {
            return URI.create((https ? "https" : "http") + "://127.0.0.1:" + guiPort + "/");
        }

        public int bepPort() {
            return bepPort;
        }

        /** The self-signed certificate of an HTTPS GUI ({@code https-cert.pem}, made at the first start). */
        public Path guiCertificate() {
            return home.resolve("https-cert.pem");
        }

        public boolean https() {
            return https;
        }

        /** Client settings for this instance (the GUI certificate pinned when it is HTTPS). */
        public SyncthingSettings settings() {
            SyncthingSettings s = SyncthingSettings.of(guiUrl(), ApiKey.of(apiKey));
            if (!https) {
                return s;
            }
            try {
                return s.withCaPem(Files.readString(guiCertificate(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** A client with {@link #settings}, made once the instance has started. */
        public SyncthingClient client() {
            if (client == null) {
                client = new SyncthingClient(settings());
            }
            return client;
        }

        public String log() {
            try {
                return Files.readString(home.resolve("syncthing.log"));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        public boolean running() {
            return process != null && process.isAlive();
        }

        /** Starts the instance again (same home and configuration) and waits until its REST API answers. */
        public void start() throws IOException, InterruptedException {
            if (running()) {
                throw new IllegalStateException(name + " is running");
            }
            launch();
            awaitReady();
        }

        /** SIGTERM, as systemd would: Syncthing closes its connections and exits. */
        public void stop() {
            if (process == null) {
                return;
            }
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                for (ProcessHandle c : children) {
                    try {
                        c.onExit().get(10, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                        c.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        /** SIGKILL to the monitor and the process it runs: no goodbye to the peers, the kernel closes the sockets. */
        public void kill() {
            if (process == null) {
                return;
            }
            List<ProcessHandle> children = process.descendants().toList();
            // The monitor first, so that it cannot start a new child once the old one is gone.
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                for (ProcessHandle c : children) {
                    c.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        /** Waits until this instance sees {@code other} connected (or, with {@code connected} false, not connected). */
        public void awaitConnection(Instance other, boolean connected, Duration timeout)
                throws InterruptedException, IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "no answer yet";
            while (System.nanoTime() < deadline) {
                try {
                    Connection c = client().connections().get(other.deviceId);
                    if (c != null && c.connected() == connected) {
                        return;
                    }
                    last = String.valueOf(c);
                } catch (SyncthingException e) {
                    last = e.getMessage();
                }
                Thread.sleep(50);
            }
            throw new IOException(name + " did not see " + other.name + (connected ? " connected" : " disconnected")
                    + " within " + timeout + "; last: " + last + "\n--- log of " + name + ":\n" + tail(log())
                    + "\n--- log of " + other.name + ":\n" + tail(other.log()));
        }

        private static String tail(String log) {
            return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
        }

        private void launch() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(syncthing, "serve", "--home=" + home, "--no-browser",
                    "--no-restart", "--no-upgrade", "--logflags=3")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("syncthing.log").toFile()));
            pb.environment().put("STNODEFAULTFOLDER", "1");
            pb.environment().put("STNOUPGRADE", "1");
            process = pb.start();
        }

        private void awaitReady() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String last = "";
            while (true) {
                if (!running()) {
                    throw new IOException("syncthing " + name + " exited:\n" + tail(log()));
                }
                if (listening() && (!https || Files.exists(guiCertificate()))) {
                    try {
                        client().status();
                        return;
                    } catch (SyncthingException e) {
                        last = e.getMessage();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("syncthing " + name + " did not answer on port " + guiPort
                            + " within 30 s (" + last + "):\n" + tail(log()));
                }
                Thread.sleep(25);
            }
        }

        private boolean listening() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", guiPort), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Patches the generated config.xml before the first start (the isolation described above). */
        private void writeConfig(Iterable<Instance> all) throws IOException {
            Path file = home.resolve("config.xml");
            try {
                Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
                Element root = doc.getDocumentElement();
                for (Element d : children(root, "device")) {
                    root.removeChild(d);
                }
                for (Instance peer : all) {
                    Element d = doc.createElement("device");
                    d.setAttribute("id", peer.deviceId);
                    d.setAttribute("name", peer.deviceName());
                    d.setAttribute("compression", "metadata");
                    text(doc, d, "address", peer == this ? "dynamic" : "tcp://127.0.0.1:" + peer.bepPort);
                    root.insertBefore(d, root.getFirstChild());
                }
                for (Map.Entry<String, Map<String, String>> f : FOLDERS.entrySet()) {
                    String type = f.getValue().get(name);
                    if (type == null) {
                        continue;
                    }
                    Files.createDirectories(folder(f.getKey()));
                    if (name.equals(seeder(f.getValue()))) {
                        Files.writeString(folder(f.getKey()).resolve("seed.txt"), "seed of " + f.getKey() + "\n");
                    }
                    Element e = doc.createElement("folder");
                    e.setAttribute("id", f.getKey());
                    e.setAttribute("label", "Folder " + f.getKey());
                    e.setAttribute("path", folder(f.getKey()).toString());
                    e.setAttribute("type", type);
                    e.setAttribute("rescanIntervalS", "3600");
                    e.setAttribute("fsWatcherEnabled", "false");
                    // Defaults Syncthing gives folders made in its GUI, which it does not fill in from config.xml.
                    e.setAttribute("autoNormalize", "true");
                    for (Instance peer : all) {
                        if (f.getValue().containsKey(peer.name)) {
                            Element d = doc.createElement("device");
                            d.setAttribute("id", peer.deviceId);
                            e.appendChild(d);
                        }
                    }
                    text(doc, e, "maxConflicts", "10");
                    text(doc, e, "minDiskFree", "1").setAttribute("unit", "%");
                    if (f.getKey().equals("ac")) {
                        text(doc, e, "order", "alphabetic");
                        text(doc, e, "copiers", "1");
                        text(doc, e, "pullerMaxPendingKiB", "64");
                    }
                    root.insertBefore(e, root.getFirstChild());
                }
                Element gui = children(root, "gui").get(0);
                gui.setAttribute("tls", Boolean.toString(https));
                set(doc, gui, "address", "127.0.0.1:" + guiPort);
                set(doc, gui, "apikey", apiKey);
                Element options = children(root, "options").get(0);
                for (String tag : List.of("listenAddress", "globalAnnounceServer", "stunServer")) {
                    for (Element e : children(options, tag)) {
                        options.removeChild(e);
                    }
                }
                text(doc, options, "listenAddress", "tcp://127.0.0.1:" + bepPort);
                Map<String, String> isolation = new LinkedHashMap<>();
                isolation.put("globalAnnounceEnabled", "false");
                isolation.put("localAnnounceEnabled", "false");
                isolation.put("relaysEnabled", "false");
                isolation.put("natEnabled", "false");
                isolation.put("startBrowser", "false");
                isolation.put("urAccepted", "-1");
                isolation.put("urSeen", "3");
                isolation.put("autoUpgradeIntervalH", "0");
                isolation.put("crashReportingEnabled", "false");
                isolation.put("stunKeepaliveStartS", "0");
                isolation.put("announceLANAddresses", "false");
                isolation.put("reconnectionIntervalS", "1");
                // Syncthing lowers its own CPU priority by default; on a busy test machine it then starts slowly.
                isolation.put("setLowPriority", "false");
                isolation.forEach((k, v) -> set(doc, options, k, v));
                var t = TransformerFactory.newDefaultInstance().newTransformer();
                t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
                t.transform(new DOMSource(doc), new StreamResult(file.toFile()));
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException
                     | javax.xml.transform.TransformerException e) {
                throw new IOException("cannot rewrite " + file + ": " + e, e);
            }
        }

        private static List<Element> children(Element parent, String tag) {
            List<Element> out = new ArrayList<>();
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node n = nodes.item(i);
                if (n instanceof Element e && e.getTagName().equals(tag)) {
                    out.add(e);
                }
            }
            return out;
        }

        private static Element text(Document doc, Element parent, String tag, String value) {
            Element e = doc.createElement(tag);
            e.setTextContent(value);
            parent.appendChild(e);
            return e;
        }

        private static void set(Document doc, Element parent, String tag, String value) {
            List<Element> existing = children(parent, tag);
            if (existing.isEmpty()) {
                text(doc, parent, tag, value);
            } else {
                existing.get(0).setTextContent(value);
            }
        }
    }
}
