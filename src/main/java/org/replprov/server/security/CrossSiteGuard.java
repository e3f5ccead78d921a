package org.replprov.server.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.HostHeader;

/**
 * Keeps web pages in the operator's browser from using the daemon: cross-site request forgery, DNS rebinding and
 * CORS preflights (docs/daemon.md, "Security").
 *
 * <ul>
 *   <li><b>Host</b> (DNS rebinding): a page on {@code evil.example} whose name is made to resolve to 127.0.0.1 reaches
 *       the daemon with {@code Host: evil.example}. Only names the daemon serves are accepted: {@code localhost}, the
 *       listeners' configured {@code names}, and an IP literal equal to the address the request arrived at.</li>
 *   <li><b>Origin</b> and <b>Sec-Fetch-Site</b> (cross-site requests): browsers send them with requests a page makes;
 *       a request from another origin, or from an opaque one ({@code Origin: null}), is refused on every route but
 *       the health check and a top-level navigation to the status page. Clients that are not browsers send
 *       neither.</li>
 *   <li><b>Content-Type</b>: a state-changing JSON request must be {@code application/json}, which a page can only
 *       send cross-site after a preflight; CIM-XML requests need their {@code CIMOperation} header for the same
 *       reason (checked by the CIM-XML handler).</li>
 *   <li><b>Preflights</b> ({@code OPTIONS} with {@code Access-Control-Request-Method}) are refused, and no response
 *       ever carries {@code Access-Control-Allow-*}: no cross-origin request is ever permitted.</li>
 * </ul>
 */
public final class CrossSiteGuard {

    /** Why a request was refused: the HTTP status and a message for the client. */
    public record Refusal(int status, String message) {
    }

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.%]*:[0-9A-Fa-f:.%]*");

    private final Set<String> names;

    /** @param names the host names the listeners are configured with, besides {@code localhost} */
    public CrossSiteGuard(Set<String> names) {
        this.names = names.stream().map(CrossSiteGuard::normal).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks {@code ex} before authentication.
     *
     * @param healthCheck true for the health route, which answers any origin (it says nothing but "ok")
     * @param jsonBody    true when the route reads a JSON body and a POST to it changes state or runs work
     */
    public Optional<Refusal> check(Exchange ex, boolean healthCheck, boolean jsonBody) {
        String hostHeader = ex.requestHeader("Host");
        if (hostHeader != null && !hostHeader.isBlank() && !servedHost(HostHeader.hostOf(hostHeader), ex)) {
            return Optional.of(new Refusal(403, "the Host header names '" + HostHeader.hostOf(hostHeader)
                    + "', which is not a name of this daemon (add it to the listener's names)"));
        }
        if (ex.method().equals("OPTIONS")) {
            return Optional.of(new Refusal(403, "cross-origin requests are not allowed"));
        }
        if (healthCheck || pageNavigation(ex)) {
            return Optional.empty();
        }
        String origin = ex.requestHeader("Origin");
        if (origin != null && !sameOrigin(origin, hostHeader, ex.secure())) {
            return Optional.of(new Refusal(403, "requests from other origins are not allowed"));
        }
        String fetchSite = ex.requestHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return Optional.of(new Refusal(403, "requests from other sites are not allowed"));
        }
        if (jsonBody && ex.method().equals("POST") && !isJson(ex.requestHeader("Content-Type"))) {
            return Optional.of(new Refusal(415, "the body must be sent as Content-Type: application/json"));
        }
        return Optional.empty();
    }

    /**
     * A person following a link to the status page from another site: a top-level GET navigation to {@code /}
     * (Fetch Metadata: {@code Sec-Fetch-Mode: navigate}, {@code Sec-Fetch-Dest: document}). It changes nothing, and
     * the other site cannot read the answer; the page's own requests are then same-origin.
     */
    private static boolean pageNavigation(Exchange ex) {
        return ex.method().equals("GET") && ex.uri().getPath().equals("/") && ex.uri().getRawQuery() == null
                && "navigate".equals(ex.requestHeader("Sec-Fetch-Mode"))
                && "document".equals(ex.requestHeader("Sec-Fetch-Dest"));
    }

    private boolean servedHost(String host, Exchange ex) {
        String h = normal(host);
        if (h.equals("localhost") || names.contains(h)) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            // An IP literal never resolves through DNS; it must still be the address the request came to.
            return InetAddress.getByName(h).equals(ex.localAddress().getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** RFC 6454 §5: same scheme, host and port; {@code null} (an opaque origin) is never the same. */
    private static boolean sameOrigin(String origin, String hostHeader, boolean secure) {
        if (hostHeader == null) {
            return false;
        }
        URI o;
        try {
            o = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = secure ? "https" : "http";
        if (o.getHost() == null || !scheme.equalsIgnoreCase(o.getScheme())) {
            return false;
        }
        int defaultPort = secure ? 443 : 80;
        int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
        URI host;
        try {
            host = new URI(scheme + "://" + hostHeader.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        int hostPort = host.getPort() < 0 ? defaultPort : host.getPort();
        return host.getHost() != null && normal(o.getHost()).equals(normal(host.getHost())) && originPort == hostPort;
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
