/**
 * Reading XML from untrusted peers, one way for every protocol: {@link org.replprov.xml.BoundedXmlReader} turns a
 * bounded document into an {@link org.replprov.xml.XmlElement} tree, refusing document type declarations (so no
 * entity can be declared: XXE and entity expansion are closed), never resolving an external resource, and bounding
 * the size, the element count and the depth. CIM-XML requests and WS-Management responses are read with it.
 *
 * <p>Imports only the JDK.
 */
package org.replprov.xml;
