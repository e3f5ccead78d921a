/**
 * Who may do what: users with PBKDF2 password hashes, the reader and operator roles, and HTTP Basic authentication
 * with the challenge that challenge-first clients (the JSR-48 client) need.
 */
package org.replprov.server.security;
