package org.replprov.engines.windows.dcom;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Properties;
import org.jinterop.dcom.common.JISystem;
import org.jinterop.dcom.core.JIComServer;

/**
 * Makes j-interop-ng activate at packet privacy, failing closed.
 *
 * <p>Why: since the DCOM hardening (KB5004442, CVE-2021-26414, enforced without opt-out since March 2023) Windows
 * refuses activation requests below {@code RPC_C_AUTHN_LEVEL_PKT_INTEGRITY}. j-interop-ng 3.4.0 derives the level of
 * its DCE/RPC binds from NTLM properties (seal → packet privacy) and takes them, for the activation, from a private
 * static default {@code Properties} of {@code JIComServer} (and of the OXID ping stub, {@code JIComOxidStub}) that
 * say "no signing, no sealing"; no public setting changes them, and {@code JISession.useSessionSecurity} applies only
 * after activation. This shim sets sign, seal, key exchange, 128-bit keys and NTLMv2 in both defaults.
 *
 * <p>Fail-closed: it is pinned to {@link #PINNED} (read from the library's own Maven metadata) and checks that both
 * fields exist, are {@code Properties}, and hold the expected keys before and the new values after; otherwise
 * {@link #ensure()} throws ({@link DcomException.Kind#SETUP}) and no connection is attempted, rather than
 * activating at a level Windows refuses (or, worse, one a downgraded server would accept). Upgrading the library
 * means re-reading its {@code JIComServer} and updating {@link #PINNED}.
 *
 * <p>Global side effects of the library, contained here where possible: its built-in log file handler is turned
 * off (j-Interop otherwise writes a log into the temporary directory), its {@code org.jinterop} logger is set to
 * WARNING, and auto-registration (remote registry writes) stays off, as it is by default: nothing here calls
 * {@code JISystem.setAutoRegisteration}, and the shim refuses to run if something did.
 */
final class JInteropShim {

    /** The only j-interop-ng version whose private defaults this shim knows. */
    static final String PINNED = "3.4.0";

    /** NTLM properties jarapac reads (rpc.security.ntlm.NtlmAuthentication) and what packet privacy needs. */
    private static final Map<String, String> PRIVACY = Map.of(
            "rpc.ntlm.sign", "true",
            "rpc.ntlm.seal", "true",
            "rpc.ntlm.keyExchange", "true",
            "rpc.ntlm.keyLength", "128",
            "rpc.ntlm.ntlm2", "true",
            "rpc.ntlm.ntlmv2", "true");

    private static boolean done;
    /**
     * j-Interop's java.util.logging logger, held so that its level stays (JUL keeps loggers weakly): at INFO it logs
     * the length of every NTLM-protected packet.
     */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.jinterop");

    private JInteropShim() {
    }

    static synchronized void ensure() throws DcomException {
        if (done) {
            return;
        }
        String version = version();
        if (!PINNED.equals(version)) {
            throw setup("j-interop-ng " + version + " is not the pinned " + PINNED
                    + "; the packet-privacy activation shim does not know it", null);
        }
        LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            JISystem.setInBuiltLogHandler(false);
        } catch (IOException | SecurityException e) {
            throw setup("cannot turn off j-Interop's log file handler", e);
        }
        if (JISystem.isAutoRegistrationSet()) {
            throw setup("j-Interop auto-registration (remote registry writes) is on; refusing", null);
        }
        raise(JIComServer.class);
        try {
            raise(Class.forName("org.jinterop.dcom.core.JIComOxidStub", true, JIComServer.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw setup("j-interop-ng has no JIComOxidStub", e);
        }
        done = true;
    }

    private static void raise(Class<?> stub) throws DcomException {
        Properties defaults;
        try {
            Field f = stub.getDeclaredField("DEFAULTS");
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != Properties.class) {
                throw setup(stub.getSimpleName() + ".DEFAULTS is not a static Properties", null);
            }
            f.setAccessible(true);
            defaults = (Properties) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw setup("cannot reach " + stub.getSimpleName() + ".DEFAULTS", e);
        }
        if (defaults == null || !"false".equals(defaults.getProperty("rpc.ntlm.seal"))
                && !"true".equals(defaults.getProperty("rpc.ntlm.seal"))) {
            throw setup(stub.getSimpleName() + ".DEFAULTS does not hold rpc.ntlm.seal as expected", null);
        }
        PRIVACY.forEach(defaults::setProperty);
        for (Map.Entry<String, String> e : PRIVACY.entrySet()) {
            if (!e.getValue().equals(defaults.getProperty(e.getKey()))) {
                throw setup(stub.getSimpleName() + " did not keep " + e.getKey(), null);
            }
        }
    }

    private static String version() throws DcomException {
        try (InputStream in = JIComServer.class.getResourceAsStream(
                "/META-INF/maven/com.github.skyghis/j-interop-ng/pom.properties")) {
            if (in == null) {
                throw setup("j-interop-ng's Maven metadata is missing; cannot check its version", null);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw setup("cannot read j-interop-ng's version", e);
        }
    }

    private static DcomException setup(String message, Throwable cause) {
        return new DcomException(DcomException.Kind.SETUP, 0, message, cause);
    }
}
