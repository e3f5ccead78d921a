/**
 * The {@code samba-ad} engine: the replication state of an Active Directory domain controller (Samba 4 or Windows),
 * read over LDAP from its {@code repsFrom}, {@code repsTo} and {@code replUpToDateVector} values (MS-DRSR §5.170 to
 * §5.173, §5.166) and reported as links, their health and backlog, and a {@link org.replprov.engine.spi.DirectoryState}
 * for the MSAD classes; replication is forced with {@code samba-tool drs replicate} and stopped with the DSA option
 * NTDSDSA_OPT_DISABLE_INBOUND_REPL. docs/engines.md ("samba-ad") documents settings, mapping and methods.
 */
package org.replprov.engines.sambaad;
