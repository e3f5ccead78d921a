/**
 * The JSON encoding of CIM values for replprov's JSON API (documented in docs/api.md): instances, classes, method
 * results, events and errors written with Jackson's streaming generator, and method parameters read from JSON.
 */
package org.replprov.protocol.json;
