package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.xml.XmlElement;

/** The safe reader of answers, the DSP0230 value forms, and the fault details Windows sends. */
class WsmanXmlTest {

    private static XmlElement parse(String xml) throws WsmanException {
        return WsmanXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1000);
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<s>&x;</s>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOfSatisfying(WsmanException.class, e -> {
            assertThat(e.kind()).isEqualTo(WsmanException.Kind.MALFORMED);
            assertThat(e.getMessage()).doesNotContain("root:").containsPattern("line \\d+, column \\d+");
        });
        String billion = "<!DOCTYPE s [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><s>&b;</s>";
        assertThatThrownBy(() -> parse(billion)).isInstanceOf(WsmanException.class);
    }

    @Test
    void badXmlNamesLineAndColumnAndNothingElseEscapes() {
        assertThatThrownBy(() -> parse("<a>\n  <b></a>")).isInstanceOfSatisfying(WsmanException.class,
                e -> assertThat(e.getMessage()).contains("at line 2, column "));
        assertThatThrownBy(() -> parse("")).isInstanceOf(WsmanException.class);
        assertThatThrownBy(() -> parse("\u0000\u00ff")).isInstanceOf(WsmanException.class);
    }

    @Test
    void elementCountAndDepthAreBounded() {
        assertThatThrownBy(() -> parse("<a>" + "<b/>".repeat(1000) + "</a>"))
                .hasMessageContaining("more than 1000 elements");
        assertThatThrownBy(() -> parse("<a>".repeat(65) + "</a>".repeat(65)))
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void datetimesInEveryFormWinRmAndDsp0230Use() throws Exception {
        XmlElement e = parse("<p:X xmlns:p=\"urn:x\" xmlns:cim=\"" + WsmanValues.CIM + "\">"
                + "<p:A>20240115103000.000000+000</p:A>"
                + "<p:B><cim:Datetime>2024-01-15T10:30:00Z</cim:Datetime></p:B>"
                + "<p:C><cim:Interval>P1DT2H</cim:Interval></p:C>"
                + "<p:D><cim:CIM_DateTime>20240115103000.000000+060</cim:CIM_DateTime></p:D>"
                + "<p:E>2024-01-15T11:30:00+01:00</p:E></p:X>");
        CimTimestamp expected = CimTimestamp.parse("20240115103000.000000+000");
        assertThat(value(e, "A", CimDataType.DATETIME)).isEqualTo(expected);
        assertThat(((CimTimestamp) value(e, "B", CimDataType.DATETIME)).toInstant()).isEqualTo(expected.toInstant());
        assertThat(value(e, "C", CimDataType.DATETIME))
                .isEqualTo(CimInterval.of(java.time.Duration.ofHours(26)));
        assertThat(((CimTimestamp) value(e, "D", CimDataType.DATETIME)).toInstant())
                .isEqualTo(CimTimestamp.parse("20240115093000.000000+000").toInstant());
        assertThat(((CimTimestamp) value(e, "E", CimDataType.DATETIME)).toInstant()).isEqualTo(expected.toInstant());
    }

    @Test
    void booleansArraysNilAndBadNumbers() throws Exception {
        XmlElement e = parse("<p:X xmlns:p=\"urn:x\" xmlns:xsi=\"" + WsmanValues.XSI + "\">"
                + "<p:B>1</p:B><p:S>a</p:S><p:S>b</p:S><p:N xsi:nil=\"true\"/><p:U>4294967296</p:U></p:X>");
        assertThat(value(e, "B", CimDataType.BOOLEAN)).isEqualTo(CimValue.bool(true));
        assertThat(value(e, "S", CimDataType.STRING_ARRAY)).isEqualTo(CimValue.Array.ofStrings(List.of("a", "b")));
        assertThat(value(e, "N", CimDataType.UINT32)).isNull();
        assertThatThrownBy(() -> value(e, "U", CimDataType.UINT32)).isInstanceOfSatisfying(WsmanException.class,
                x -> assertThat(x.getMessage()).startsWith("1:").contains("U is not a uint32"));
        assertThatThrownBy(() -> value(e, "S", CimDataType.STRING)).hasMessageContaining("not an array");
    }

    private static CimValue value(XmlElement e, String name, CimDataType type) throws WsmanException {
        return WsmanValues.value(type, e.children().stream().filter(c -> c.name().equals(name)).toList(), name);
    }

    @Test
    void theWmiCodeOfAnMsftWmiErrorDetailDecidesTheStatus() throws Exception {
        XmlElement fault = parse("<s:Fault xmlns:s=\"" + WsmanClient.SOAP + "\"><s:Code><s:Value>s:Receiver</s:Value>"
                + "<s:Subcode><s:Value>w:InternalError</s:Value></s:Subcode></s:Code><s:Reason><s:Text>Not found"
                + "</s:Text></s:Reason><s:Detail><p:MSFT_WmiError xmlns:p=\"urn:wmi\"><p:CIMStatusCode>6"
                + "</p:CIMStatusCode><p:error_Code>2147749890</p:error_Code></p:MSFT_WmiError></s:Detail></s:Fault>");
        WsmanException e = WsmanClient.fault(fault, 500);
        assertThat(e.subcode()).hasValue("InternalError");
        assertThat(e.code()).hasValue(0x80041002L);
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND);
        assertThat(e.getMessage()).contains("0x80041002").contains("Not found");
    }

    @Test
    void theInnermostWsmanFaultCodeIsTheProvidersOwn() throws Exception {
        String f = WsmanClient.WSMAN_FAULT;
        XmlElement fault = parse("<s:Fault xmlns:s=\"" + WsmanClient.SOAP + "\"><s:Code><s:Value>s:Sender</s:Value>"
                + "<s:Subcode><s:Value>w:AccessDenied</s:Value></s:Subcode></s:Code><s:Reason><s:Text>denied"
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + f + "\" Code=\"2150858752\"><f:Message>"
                + "<f:ProviderFault><f:WSManFault xmlns:f=\"" + f + "\" Code=\"2147749891\"/></f:ProviderFault>"
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>");
        WsmanException e = WsmanClient.fault(fault, 500);
        assertThat(e.code()).hasValue(0x80041003L);
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_ACCESS_DENIED);
    }
}
