"""A WQL enumeration over WS-Management with Debian's pywinrm, the way a Windows-proven client does it: NTLM
authentication, then every message sealed (message_encryption='always', MS-WSMV 2.2.9.1.1). Our own envelopes go
through pywinrm's transport; Enumerate, then Pull until EndOfSequence.

usage: pywinrm_wql.py ENDPOINT USER PASSWORD RESOURCE_URI WQL PAGE_SIZE [ENCRYPTION]
(ENCRYPTION: always, the default, or never: NTLM authentication with the messages in the clear)
prints one JSON line: {"items": [{property: text or [texts]}], "pulls": n} or {"error": kind, "detail": text}
"""
import json
import sys
import uuid
import xml.etree.ElementTree as ET

try:
    from winrm.protocol import Protocol
    from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMTransportError
except ImportError as e:
    print(json.dumps({"error": "import", "detail": str(e)}))
    sys.exit(3)

S = "http://www.w3.org/2003/05/soap-envelope"
A = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration"
W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL"


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def request(endpoint, resource, action, body):
    return ('<s:Envelope xmlns:s="%s" xmlns:a="%s" xmlns:n="%s" xmlns:w="%s"><s:Header>'
            '<a:To>%s</a:To><w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>'
            '<a:ReplyTo><a:Address s:mustUnderstand="true">%s/role/anonymous</a:Address></a:ReplyTo>'
            '<a:Action s:mustUnderstand="true">%s</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">512000'
            '</w:MaxEnvelopeSize><a:MessageID>uuid:%s</a:MessageID><w:OperationTimeout>PT20S</w:OperationTimeout>'
            '</s:Header><s:Body>%s</s:Body></s:Envelope>'
            % (S, A, N, W, esc(endpoint), esc(resource), A, action, uuid.uuid4(), body))


def items(parent, out):
    for item in parent:
        props = {}
        for prop in item:
            name = prop.tag.split("}")[-1]
            value = prop.text or ""
            if name in props:
                props[name] = (props[name] if isinstance(props[name], list) else [props[name]]) + [value]
            else:
                props[name] = value
        out.append(props)


def main():
    endpoint, user, password, resource, wql, page = sys.argv[1:7]
    encryption = sys.argv[7] if len(sys.argv) > 7 else "always"
    p = Protocol(endpoint, transport="ntlm", username=user, password=password, message_encryption=encryption,
                 read_timeout_sec=30, operation_timeout_sec=20)
    found = []
    answer = ET.fromstring(p.send_message(request(endpoint, resource, N + "/Enumerate",
        '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>%s</w:MaxElements>'
        '<w:Filter Dialect="%s">%s</w:Filter></n:Enumerate>' % (page, WQL, esc(wql)))))
    response = answer.find("{%s}Body/{%s}EnumerateResponse" % (S, N))
    first = response.find("{%s}Items" % W)
    if first is not None:
        items(first, found)
    context = response.findtext("{%s}EnumerationContext" % N)
    end = response.find("{%s}EndOfSequence" % W) is not None
    pulls = 0
    while not end:
        answer = ET.fromstring(p.send_message(request(endpoint, resource, N + "/Pull",
            '<n:Pull><n:EnumerationContext>%s</n:EnumerationContext><n:MaxElements>%s</n:MaxElements></n:Pull>'
            % (esc(context), page))))
        pulls += 1
        response = answer.find("{%s}Body/{%s}PullResponse" % (S, N))
        context = response.findtext("{%s}EnumerationContext" % N) or context
        page_items = response.find("{%s}Items" % N)
        if page_items is not None:
            items(page_items, found)
        end = response.find("{%s}EndOfSequence" % N) is not None
    print(json.dumps({"items": found, "pulls": pulls}))


try:
    main()
except InvalidCredentialsError as e:
    print(json.dumps({"error": "credentials", "detail": str(e)}))
except (WinRMError, WinRMTransportError) as e:
    print(json.dumps({"error": "winrm", "detail": str(e)}))
