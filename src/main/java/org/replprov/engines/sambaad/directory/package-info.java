/**
 * Read-only access to the replication state an Active Directory domain controller keeps in its directory, over LDAP
 * (UnboundID LDAP SDK): the rootDSE, the local {@code nTDSDSA} object, sites, servers, {@code nTDSConnection}
 * objects, and on every naming-context head the raw {@code repsFrom}, {@code repsTo} and {@code replUpToDateVector}
 * values.
 *
 * <p>The blobs are handed out as bytes ({@link org.replprov.drsr.Bytes}), exactly as the DC stores them; decoding them
 * is the {@code drsr} codec's job. The one write is {@link org.replprov.engines.sambaad.directory.DirectoryReader#replaceDsaOptions}, for
 * ForceReplication "Stop Sync".
 *
 * <p>Connections over TCP are always encrypted: {@code ldaps://} (TLS from the first byte) or {@code ldap://} followed
 * by StartTLS (RFC 4513 §3), because a DC refuses a simple bind in the clear ({@code ldap server require strong auth}
 * on Samba, LDAP signing policy on Windows). On the DC itself, {@code ldapi://} ({@link LdapiUrl}) reaches Samba's
 * local socket through {@code UnixDomainSocketFactory}: no TLS, the bytes stay in the kernel. The password is handed
 * to {@link DirectoryReader#connect} and kept only for the bind; it is never part of a message or a
 * {@code toString}.
 */
package org.replprov.engines.sambaad.directory;
