/**
 * Start-up configuration errors: what stops the provider from starting, with a message an operator can act on.
 *
 * <p>Imports only the JDK.
 */
package org.replprov.config;
