/**
 * The {@code replprov} command line: thin picocli commands over the library. The only package allowed to use every
 * other one.
 */
package org.replprov.cli;
