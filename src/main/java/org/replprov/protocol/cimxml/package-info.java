/**
 * CIM-XML, the XML encoding of CIM operations over HTTP (DSP0200 operations, DSP0201 representation): a safe reader
 * that turns request bodies into {@link org.replprov.operation.Operation} values, a fast writer of response elements
 * from {@code cim} values, and {@link org.replprov.protocol.cimxml.CimXmlEncoder}, which writes the answers the
 * operation service produces.
 *
 * <p>Knows nothing of sockets or HTTP status handling beyond the {@code CIMError} values DSP0200 defines.
 */
package org.replprov.protocol.cimxml;
