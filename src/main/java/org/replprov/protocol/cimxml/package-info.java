/**
 * CIM-XML, the XML encoding of CIM operations over HTTP (DSP0200 operations, DSP0201 representation): a safe reader
 * that turns request bodies into {@link org.replprov.protocol.cimxml.Operation} records, a fast writer of response
 * elements from {@code cim} values, and the responder that runs an operation against
 * {@link org.replprov.provider.ObjectManager} and writes its answer.
 *
 * <p>Knows nothing of sockets or HTTP status handling beyond the {@code CIMError} values DSP0200 defines.
 */
package org.replprov.protocol.cimxml;
