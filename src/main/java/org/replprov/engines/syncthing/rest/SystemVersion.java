package org.replprov.engines.syncthing.rest;

/** {@code GET /rest/system/version}: e.g. version {@code v1.19.2-ds1}, os {@code linux}, arch {@code amd64}. */
public record SystemVersion(String version, String longVersion, String os, String arch) {

    static SystemVersion from(Json.Node n) throws Json.Malformed {
        return new SystemVersion(n.text("version"), n.text("longVersion"), n.text("os"), n.text("arch"));
    }
}
