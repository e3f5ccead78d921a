package org.replprov.engines.syncthing.rest;

/**
 * What this Syncthing instance offers, found by asking it rather than by comparing version numbers (Debian and other
 * distributions patch and rename versions: Debian 12 reports {@code v1.19.2-ds1}).
 *
 * @param version {@code /rest/system/version} version, for messages
 * @param healthEndpoint {@code GET /rest/noauth/health} answers without a key (Syncthing 1.22.1 and later)
 * @param dialStatus {@code /rest/system/status} carries {@code lastDialStatus}, the dial error per partner address
 */
public record Features(String version, boolean healthEndpoint, boolean dialStatus) {
}
