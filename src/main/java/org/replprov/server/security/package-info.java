/**
 * Who may do what: users with PBKDF2 password hashes, the reader and operator roles, and HTTP Basic authentication
 * with the challenge that challenge-first clients (the JSR-48 client) need. Also the secrets made for trials:
 * random passwords in owner-only files, and self-signed keystores with a trust store for their certificate.
 */
package org.replprov.server.security;
