/**
 * The JSON encoding of CIM values for replprov's JSON API (documented in docs/api.md): instances, classes, method
 * results, events and errors written with Jackson's streaming generator, method parameters read from JSON, and
 * {@link org.replprov.protocol.json.JsonEncoder}, which writes the answers the operation service produces.
 */
package org.replprov.protocol.json;
