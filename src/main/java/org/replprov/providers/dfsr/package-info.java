/**
 * The DfsrConnectionInfo provider ({@code root/MicrosoftDfs}): one instance per inbound or outbound connection that
 * the engine adapters report, its state machine, its four methods with their timed overrides, outbound idle expiry,
 * and the intrinsic events all of these raise. docs/dfsr-provider.md is the behaviour this package implements.
 *
 * <p>Queries are answered from query tables of the connections ({@code ConnectionTable}): columns and instances are
 * built as queries need them, kept, and rebuilt only for the part of the connections that changed.
 *
 * <p>Imports {@code cim}, {@code repository}, {@code provider.spi}, {@code engine.spi}, {@code engine} (to put timeouts
 * around adapters), {@code state}, {@code time}, {@code config} and {@code wql} (query tables). It must not import the
 * object manager ({@code org.replprov.provider}), protocols or the command line: it is a provider like any other.
 */
package org.replprov.providers.dfsr;
