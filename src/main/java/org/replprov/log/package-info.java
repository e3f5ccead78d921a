/**
 * Log lines that a client or a remote server cannot forge or blow up: {@link org.replprov.log.LogSafe} escapes
 * control characters in a value and bounds its length, saying so when it cuts; {@link
 * org.replprov.log.SafeMessageConverter} does the same to every whole message of the text log format, as a backstop.
 */
package org.replprov.log;
