"""A DCOM/MS-WMI test responder on loopback, built on Debian's python3-impacket (its NDR structures and NTLM helpers).

It plays the part of a patched Windows member for the windows-dfsr engine's dcom transport and for impacket's own
wmiquery.py:

  * DCE/RPC over TCP (MS-RPCE) with NTLMv2 authentication (MS-NLMP): bind / alter_context carry NEGOTIATE and
    CHALLENGE, auth3 carries AUTHENTICATE, which is verified against the configured password (NTProofStr) before the
    session keys are derived. Requests at packet integrity are verified, at packet privacy unsealed and verified;
    a wrong signature is answered with a fault (access denied).
  * Activation (MS-DCOM 3.1.2.5.2): IRemoteSCMActivator::RemoteCreateInstance (what impacket sends) and
    IActivation::RemoteActivation (what j-Interop sends) of CLSID_WbemLevel1Login. As Windows since the DCOM
    hardening (KB5004442), activation below RPC_C_AUTHN_LEVEL_PKT_INTEGRITY is refused with E_ACCESSDENIED.
  * IRemUnknown (RemQueryInterface, RemAddRef, RemRelease), IRemUnknown2::RemQueryInterface2 (what j-Interop
    calls), IObjectExporter (pings, ServerAlive2, ResolveOxid).
  * WBEM statuses are answered in the method's response (MS-WMI), RPC-level refusals as fault PDUs.
  * MS-WMI: IWbemLevel1Login::NTLMLogin, IWbemServices::ExecQuery (SELECT * FROM <class>) and ExecMethod,
    IEnumWbemClassObject::Next (objects as OBJREF_CUSTOM), IWbemFetchSmartEnum::GetSmartEnum and
    IWbemWCOSmartEnum::Next (an ObjectArray, MS-WMI 2.2.14, with a class once per class then
    WBEMOBJECT_INSTANCE_NOCLASS).

The objects it serves are MS-WMIO encodings made by the Java test with the project's codec. It is driven with JSON
lines on stdin/stdout (PythonHelper):

  {"op": "start", "address": "127.0.0.9", "port": 135, "user": "u", "domain": "D", "password": "p"}
  {"op": "objects", "classes": {"DfsrInfo": [{"unit": hex, "noclass": hex}, ...]}}   objects per class
  {"op": "method", "name": "ForceReplication", "out": hex}  out-parameters (an EncodingUnit) of a method,
                   or "error": hresult to fail it
  {"op": "hang", "on": true}                                 stop answering WMI calls (connections stay open)
  {"op": "log"}                                              -> {"ok": true, "events": [...]} and clears the log

Every answer is {"ok": true, ...} or {"ok": false, "error": "..."}. The first line is {"ready": true}.
"""
import json
import os
import re
import socketserver
import struct
import sys
import threading
import traceback
import uuid as uuidlib

try:
    from Cryptodome.Cipher import ARC4
    from impacket import ntlm
    from impacket.uuid import bin_to_uuidtup, uuidtup_to_bin, string_to_bin
    from impacket.dcerpc.v5 import dcomrt
    from impacket.dcerpc.v5.dcomrt import (OBJREF_STANDARD, OBJREF_CUSTOM, OBJREF, ORPCTHAT, ACTIVATION_BLOB,
                                           InstantiationInfoData, PropsOutInfo, ScmReplyInfoData, IID, CLSID, DWORD,
                                           MInterfacePointer, PMInterfacePointer, HRESULT, REMQIRESULT)
    from impacket.dcerpc.v5.dcom import wmi
    from impacket.dcerpc.v5.dtypes import NULL
except ImportError as e:
    print(json.dumps({"ready": False, "error": str(e)}), flush=True)
    sys.exit(0)

# MS-RPCE 2.2.2.1 packet types, 2.2.2.3 flags
REQUEST, RESPONSE, FAULT, BIND, BIND_ACK, BIND_NAK, ALTER_CONTEXT, ALTER_CONTEXT_RESP, AUTH3 = 0, 2, 3, 11, 12, 13, 14, 15, 16
PFC_FIRST_FRAG, PFC_LAST_FRAG, PFC_OBJECT_UUID = 0x01, 0x02, 0x80
AUTHN_WINNT = 10
LEVEL_NONE, LEVEL_CONNECT, LEVEL_CALL, LEVEL_PKT, LEVEL_INTEGRITY, LEVEL_PRIVACY = 1, 2, 3, 4, 5, 6
NDR20 = uuidtup_to_bin(('8a885d04-1ceb-11c9-9fe8-08002b104860', '2.0'))

E_ACCESSDENIED = 0x80070005
E_NOINTERFACE = 0x80004002
NCA_ACCESS_DENIED = 0x00000005
NCA_OP_RNG_ERROR = 0x1C010002
NCA_UNK_IF = 0x1C010003
WBEM_S_FALSE = 0x00000001
WBEM_S_TIMEDOUT = 0x00040004
WBEM_E_INVALID_CLASS = 0x80041010
WBEM_E_INVALID_QUERY = 0x80041017
WBEM_E_INVALID_METHOD = 0x8004102E
WBEM_E_INVALID_NAMESPACE = 0x8004100E
SORF_NOPING = 0x1000

def iid(text):
    return uuidtup_to_bin((text, '0.0'))[:16]

IID_IUnknown = iid('00000000-0000-0000-C000-000000000046')
IID_IRemUnknown = iid('00000131-0000-0000-C000-000000000046')
IID_IRemUnknown2 = iid('00000143-0000-0000-C000-000000000046')
IID_IObjectExporter = iid('99fcfec4-5260-101b-bbcb-00aa0021347a')
IID_IActivation = iid('4d9f4ab8-7d1c-11cf-861e-0020af6e7c57')
IID_IRemoteSCMActivator = iid('000001A0-0000-0000-C000-000000000046')
IID_IWbemLevel1Login = wmi.IID_IWbemLevel1Login[:16]
IID_IWbemServices = wmi.IID_IWbemServices[:16]
IID_IEnumWbemClassObject = wmi.IID_IEnumWbemClassObject[:16]
IID_IWbemFetchSmartEnum = wmi.IID_IWbemFetchSmartEnum[:16]
IID_IWbemWCOSmartEnum = wmi.IID_IWbemWCOSmartEnum[:16]
IID_IWbemClassObject = wmi.IID_IWbemClassObject[:16]
CLSID_WbemLevel1Login = wmi.CLSID_WbemLevel1Login
CLSID_WbemClassObject = wmi.CLSID_WbemClassObject

ACTIVATORS = (IID_IActivation, IID_IRemoteSCMActivator)
KNOWN = {IID_IRemUnknown, IID_IRemUnknown2, IID_IObjectExporter, IID_IActivation, IID_IRemoteSCMActivator,
         IID_IWbemLevel1Login, IID_IWbemServices, IID_IEnumWbemClassObject, IID_IWbemFetchSmartEnum,
         IID_IWbemWCOSmartEnum, IID_IUnknown}


class Refused(Exception):
    """A fault status to answer with."""

    def __init__(self, status, why):
        super().__init__(why)
        self.status = status


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []
        self.classes = {}
        self.methods = {}
        self.hang = False
        self.config = None

    def log(self, **event):
        with self.lock:
            self.events.append(event)


STATE = State()


# ---------------------------------------------------------------------------------------------------------------- COM

class ComObject:
    def __init__(self, exporter, kind, data):
        self.kind = kind
        self.data = data
        self.oid = exporter.next_id()
        self.ipids = {}


class Exporter:
    """One object exporter (OXID) with its objects' interface pointers (IPIDs)."""

    def __init__(self, address, port):
        self.address = address
        self.port = port
        self.oxid = struct.unpack('<Q', os.urandom(8))[0]
        self.ipids = {}
        self.counter = 1
        self.lock = threading.Lock()
        self.rem_unknown = os.urandom(16)

    def next_id(self):
        with self.lock:
            self.counter += 1
            return self.counter

    def ipid(self, obj, iface):
        with self.lock:
            if iface not in obj.ipids:
                ipid = os.urandom(16)
                obj.ipids[iface] = ipid
                self.ipids[ipid] = (obj, iface)
            return obj.ipids[iface]

    def bindings(self):
        """A DUALSTRINGARRAY body (MS-DCOM 2.2.19): one ncacn_ip_tcp string binding, one NTLM security binding."""
        strings = struct.pack('<H', 7) + ('%s[%d]' % (self.address, self.port)).encode('utf-16le') + b'\x00\x00'
        strings += b'\x00\x00'
        security = struct.pack('<HH', AUTHN_WINNT, 0xFFFF) + b'\x00\x00' + b'\x00\x00'
        words = strings + security
        return len(words) // 2, len(strings) // 2, words

    def objref(self, obj, iface):
        ref = OBJREF_STANDARD()
        ref['iid'] = iface
        ref['std']['flags'] = SORF_NOPING
        ref['std']['cPublicRefs'] = 5
        ref['std']['oxid'] = self.oxid
        ref['std']['oid'] = obj.oid
        ref['std']['ipid'] = self.ipid(obj, iface)
        count, offset, words = self.bindings()
        ref['saResAddr'] = struct.pack('<HH', count, offset) + words
        return ref.getData()


def custom_objref(unit):
    ref = OBJREF_CUSTOM()
    ref['iid'] = IID_IWbemClassObject
    ref['clsid'] = CLSID_WbemClassObject
    ref['cbExtension'] = 0
    ref['ObjectReferenceSize'] = len(unit)
    ref['pObjectData'] = unit
    return ref.getData()


def orpcthat(resp):
    resp['ORPCthat']['flags'] = 0
    resp['ORPCthat']['extensions'] = NULL


# -------------------------------------------------------------------------------------------------------- NDR helpers

def u32(v):
    return struct.pack('<L', v & 0xFFFFFFFF)


def align(buf, n):
    return buf + b'\x00' * ((n - len(buf) % n) % n)


def orpcthat_bytes():
    return u32(0) + u32(0)  # flags, extensions = NULL


def unique_bytes(data, ref=0x00020000):
    """[unique] pointer to a conformant byte array: referent id, max count, octets."""
    return u32(ref) + u32(len(data)) + data


def interface_pointer(data, ref=0x00020000):
    """A [unique] MInterfacePointer*: referent id, ulCntData, conformant abData."""
    return u32(ref) + u32(len(data)) + u32(len(data)) + data


# -------------------------------------------------------------------------------------------------------- WMI objects

def classes_of(wql):
    m = re.match(r'^\s*select\s+.+?\s+from\s+([A-Za-z_][A-Za-z0-9_]*)\s*(where\s+.*)?$', wql, re.I | re.S)
    if not m:
        raise Refused(WBEM_E_INVALID_QUERY, 'not a WQL select: ' + wql)
    name = m.group(1)
    for cls, objects in STATE.classes.items():
        if cls.lower() == name.lower():
            return cls, objects
    raise Refused(WBEM_E_INVALID_CLASS, 'no class ' + name)


def object_array(objects, seen):
    """An ObjectArray (MS-WMI 2.2.14): the first instance of each class whole, later ones without their class."""
    body = b''
    for obj in objects:
        cls_guid = obj['classGuid']
        if cls_guid in seen:
            inner = u32(0x18) + u32(len(obj['noclass'])) + cls_guid + obj['noclass']
            kind = 3
        else:
            seen.add(cls_guid)
            block = obj['unit'][8:]
            inner = u32(0x18) + u32(len(block)) + cls_guid + block
            kind = 2
        body += u32(9) + u32(len(inner)) + bytes([kind]) + inner
    # dwSizeOfHeader3 12 (with dwNumObjects), dwDataSize3 the objects; dwDataSize2 what follows header 2;
    # dwDataSize1 what follows header 1 (0x1A octets: byte ordering, signature, sizes, flags, version, packet type)
    header3 = u32(12) + u32(len(body)) + u32(len(objects))
    data2 = header3 + body
    header2 = u32(8) + u32(len(data2))
    header1 = u32(0) + b'WBEMDATA' + u32(0x1A) + u32(len(header2) + len(data2)) + u32(0) + bytes([1, 0])
    return header1 + header2 + data2


# -------------------------------------------------------------------------------------------------------- dispatching

class Call:
    def __init__(self, conn, iface, opnum, ipid, stub, level):
        self.conn = conn
        self.iface = iface
        self.opnum = opnum
        self.ipid = ipid
        self.stub = stub
        self.level = level


def dispatch(call):
    exporter = call.conn.server.exporter
    if call.iface in ACTIVATORS:
        if call.level < LEVEL_INTEGRITY:
            STATE.log(event='refused', reason='activation below packet integrity', level=call.level)
            raise Refused(E_ACCESSDENIED, 'activation at level %d' % call.level)
        if call.iface == IID_IRemoteSCMActivator and call.opnum == 4:
            return remote_create_instance(call, exporter)
        if call.iface == IID_IActivation and call.opnum == 0:
            return remote_activation(call, exporter)
        raise Refused(NCA_OP_RNG_ERROR, 'activator opnum %d' % call.opnum)
    if call.iface == IID_IObjectExporter:
        return object_exporter(call, exporter)
    if call.level < LEVEL_INTEGRITY:
        STATE.log(event='refused', reason='call below packet integrity', level=call.level)
        raise Refused(E_ACCESSDENIED, 'call at level %d' % call.level)
    if call.ipid == exporter.rem_unknown:
        return rem_unknown(call, exporter)
    target = exporter.ipids.get(call.ipid)
    if target is None:
        raise Refused(0x80010108, 'unknown IPID')  # RPC_E_DISCONNECTED
    obj, bound = target
    if STATE.hang and obj.kind != 'login':
        threading.Event().wait(3600)
    if bound == IID_IWbemLevel1Login:
        return level1_login(call, exporter, obj)
    if bound == IID_IWbemServices:
        return services(call, exporter, obj)
    if bound == IID_IEnumWbemClassObject:
        return enumerator(call, exporter, obj)
    if bound == IID_IWbemFetchSmartEnum:
        return fetch_smart_enum(call, exporter, obj)
    if bound == IID_IWbemWCOSmartEnum:
        return smart_enum(call, exporter, obj)
    raise Refused(NCA_UNK_IF, 'no such interface')


def activation_result(call, exporter, clsid, iids, how):
    STATE.log(event='activation', how=how, clsid=str(uuidlib.UUID(bytes_le=clsid)).upper(), level=call.level,
              authType=AUTHN_WINNT, verified=True, user=call.conn.user)
    if clsid != CLSID_WbemLevel1Login:
        raise Refused(0x80040154, 'class not registered')  # REGDB_E_CLASSNOTREG
    login = ComObject(exporter, 'login', {})
    results = []
    for wanted in iids:
        if wanted in (IID_IUnknown, IID_IWbemLevel1Login):
            results.append((0, exporter.objref(login, wanted)))
        else:
            results.append((E_NOINTERFACE, None))
    return results


def remote_create_instance(call, exporter):
    req = dcomrt.RemoteCreateInstance(call.stub)
    ref = OBJREF_CUSTOM(b''.join(req['pActProperties']['abData']))
    blob = ACTIVATION_BLOB(ref['pObjectData'])
    sizes = [s['Data'] for s in blob['CustomHeader']['pSizes']]
    clsids = [c['Data'] for c in blob['CustomHeader']['pclsid']]
    props = blob['Property']
    offset = 0
    clsid, iids = None, []
    for kind, size in zip(clsids, sizes):
        if kind == dcomrt.CLSID_InstantiationInfo:
            info = InstantiationInfoData()
            n = info.fromString(props[offset:offset + size])
            info.fromStringReferents(props[offset + n:offset + size])
            clsid = info['classId']
            iids = [i['Data'] for i in info['pIID']]
        offset += size
    results = activation_result(call, exporter, clsid, iids, 'RemoteCreateInstance')

    props_out = PropsOutInfo()
    props_out['cIfs'] = len(iids)
    for wanted, (hr, data) in zip(iids, results):
        i = IID()
        i['Data'] = wanted
        props_out['piid'].append(i)
        h = HRESULT()
        h['Data'] = hr
        props_out['phresults'].append(h)
        p = PMInterfacePointer()
        if data is None:
            p = NULL
        else:
            p['ulCntData'] = len(data)
            p['abData'] = list(data)
        props_out['ppIntfData'].append(p)
    scm = ScmReplyInfoData()
    scm['pdwReserved'] = 0
    scm['remoteReply']['Oxid'] = exporter.oxid
    count, offset, words = exporter.bindings()
    scm['remoteReply']['pdsaOxidBindings']['wNumEntries'] = count
    scm['remoteReply']['pdsaOxidBindings']['wSecurityOffset'] = offset
    scm['remoteReply']['pdsaOxidBindings']['aStringArray'] = list(struct.unpack('<%dH' % count, words))
    scm['remoteReply']['ipidRemUnknown'] = exporter.rem_unknown
    scm['remoteReply']['authnHint'] = LEVEL_PRIVACY
    properties, pieces = b'', []
    for part in (props_out, scm):
        marshaled = part.getData() + part.getDataReferents()
        marshaled += b'\xFA' * ((8 - len(marshaled) % 8) % 8)
        pieces.append(marshaled)
    out = ACTIVATION_BLOB()
    out['CustomHeader']['destCtx'] = 2
    out['CustomHeader']['pdwReserved'] = NULL
    for kind, piece in ((dcomrt.CLSID_PropsOutInfo, pieces[0]), (dcomrt.CLSID_ScmReplyInfo, pieces[1])):
        c = CLSID()
        c['Data'] = kind
        out['CustomHeader']['pclsid'].append(c)
        d = DWORD()
        d['Data'] = len(piece)
        out['CustomHeader']['pSizes'].append(d)
    out['Property'] = pieces[0] + pieces[1]
    wrapper = OBJREF_CUSTOM()
    wrapper['iid'] = dcomrt.IID_IActivationPropertiesOut[:16]
    wrapper['clsid'] = dcomrt.CLSID_ActivationPropertiesOut
    wrapper['cbExtension'] = 0
    wrapper['pObjectData'] = out.getData()
    wrapper['ObjectReferenceSize'] = len(wrapper['pObjectData']) + 8
    data = wrapper.getData()
    resp = dcomrt.RemoteCreateInstanceResponse()
    orpcthat(resp)
    resp['ppActProperties']['ulCntData'] = len(data)
    resp['ppActProperties']['abData'] = list(data)
    resp['ErrorCode'] = 0
    return resp.getData()


def remote_activation(call, exporter):
    req = dcomrt.RemoteActivation(call.stub)
    clsid = req['Clsid']
    iids = [i['Data'] for i in req['pIIDs']]
    results = activation_result(call, exporter, clsid, iids, 'RemoteActivation')
    count, offset, words = exporter.bindings()
    # RemoteActivation's response (MS-DCOM 3.1.2.5.2.3.1), by hand: ORPCTHAT, OXID, DUALSTRINGARRAY*, IPID,
    # authn hint, COMVERSION, HRESULT, MInterfacePointer** (size_is Interfaces), HRESULT[Interfaces], status
    out = orpcthat_bytes()
    out = align(out, 8) + struct.pack('<Q', exporter.oxid)
    out += u32(0x00020000) + u32(count) + struct.pack('<HH', count, offset) + u32(count) + words
    out = align(out, 4) + exporter.rem_unknown + u32(LEVEL_PRIVACY) + struct.pack('<HH', 5, 7) + u32(0)
    out += u32(len(iids))
    ref = 0x00020004
    refs = []
    for hr, data in results:
        if data is None:
            out += u32(0)
        else:
            out += u32(ref)
            refs.append(data)
            ref += 4
    for data in refs:
        out = align(out, 4) + u32(len(data)) + u32(len(data)) + data
    out = align(out, 4) + u32(len(iids)) + b''.join(u32(hr) for hr, _ in results)
    return out + u32(0)


def object_exporter(call, exporter):
    if call.opnum == 1:  # SimplePing
        return u32(0)
    if call.opnum == 2:  # ComplexPing: pSetId, backoff, status
        return struct.pack('<Q', 1) + struct.pack('<H', 0) + b'\x00\x00' + u32(0)
    if call.opnum == 3:  # ServerAlive
        return u32(0)
    if call.opnum == 5:  # ServerAlive2: COMVERSION, DUALSTRINGARRAY*, reserved, status
        count, offset, words = exporter.bindings()
        out = struct.pack('<HH', 5, 7) + u32(0x00020000) + u32(count) + struct.pack('<HH', count, offset)
        out += u32(count) + words
        return align(out, 4) + u32(0) + u32(0)
    if call.opnum in (0, 4):  # ResolveOxid(2)
        count, offset, words = exporter.bindings()
        out = u32(0x00020000) + u32(count) + struct.pack('<HH', count, offset) + u32(count) + words
        out = align(out, 4) + exporter.rem_unknown + u32(LEVEL_PRIVACY)
        if call.opnum == 4:
            out += struct.pack('<HH', 5, 7)
        return out + u32(0)
    raise Refused(NCA_OP_RNG_ERROR, 'IObjectExporter opnum %d' % call.opnum)


def rem_unknown(call, exporter):
    if call.opnum == 3:  # RemQueryInterface(ripid, cRefs, cIids, iids) -> REMQIRESULT* [cIids], status
        stub = call.stub[32:]  # after ORPCTHIS (COMVERSION, flags, reserved1, cid, extensions ptr)
        ripid = stub[0:16]
        count = struct.unpack('<H', stub[20:22])[0]
        iids = [stub[28 + 16 * i:44 + 16 * i] for i in range(count)]
        target = exporter.ipids.get(ripid)
        out = orpcthat_bytes() + u32(0x00020000) + u32(count)
        for wanted in iids:
            ok = target is not None and answers(target[0], wanted)
            STATE.log(event='queryInterface', iid=str(uuidlib.UUID(bytes_le=wanted)).upper(), ok=ok)
            if ok:
                out += u32(0) + u32(SORF_NOPING) + u32(5) + struct.pack('<QQ', exporter.oxid, target[0].oid)
                out += exporter.ipid(target[0], wanted)
            else:
                out += u32(E_NOINTERFACE) + b'\x00' * 40
        return out + u32(0)
    if call.opnum == 4:  # RemAddRef: results per ref
        count = struct.unpack('<H', call.stub[32:34])[0]
        return orpcthat_bytes() + u32(count) + u32(0) * count + u32(0)
    if call.opnum == 5:  # RemRelease
        return orpcthat_bytes() + u32(0)
    if call.opnum == 6 and call.iface == IID_IRemUnknown2:
        # RemQueryInterface2 (MS-DCOM 3.1.1.5.7.1): ripid, cIids, iids -> phr[cIids], ppMIF[cIids], status
        stub = call.stub[32:]
        ripid = stub[0:16]
        count = struct.unpack('<H', stub[16:18])[0]
        iids = [stub[24 + 16 * i:40 + 16 * i] for i in range(count)]
        target = exporter.ipids.get(ripid)
        hrs, refs = [], []
        for wanted in iids:
            ok = target is not None and answers(target[0], wanted)
            STATE.log(event='queryInterface', iid=str(uuidlib.UUID(bytes_le=wanted)).upper(), ok=ok)
            hrs.append(0 if ok else E_NOINTERFACE)
            refs.append(exporter.objref(target[0], wanted) if ok else None)
        # phr and ppMIF are [ref] top-level pointers: no referent ids, just the conformant arrays
        out = orpcthat_bytes() + u32(count) + b''.join(u32(h) for h in hrs)
        out += u32(count)
        ref = 0x00020008
        for data in refs:
            out += u32(ref if data is not None else 0)
            ref += 4
        for data in refs:
            if data is not None:
                out = align(out, 4) + u32(len(data)) + u32(len(data)) + data
        return align(out, 4) + u32(0)
    raise Refused(NCA_OP_RNG_ERROR, 'IRemUnknown opnum %d' % call.opnum)


def answers(obj, wanted):
    if wanted == IID_IUnknown:
        return True
    return {
        'login': (IID_IWbemLevel1Login,),
        'services': (IID_IWbemServices,),
        'enum': (IID_IEnumWbemClassObject, IID_IWbemFetchSmartEnum),
        'smart': (IID_IWbemWCOSmartEnum,),
    }.get(obj.kind, ()).__contains__(wanted)


def level1_login(call, exporter, obj):
    if call.opnum != 6:
        raise Refused(NCA_OP_RNG_ERROR, 'IWbemLevel1Login opnum %d' % call.opnum)
    req = wmi.IWbemLevel1Login_NTLMLogin(call.stub)
    namespace = req['wszNetworkResource']
    namespace = namespace if isinstance(namespace, str) else str(namespace)
    namespace = namespace.rstrip('\x00')
    STATE.log(event='login', namespace=namespace, level=call.level)
    if not namespace.lower().replace('\\', '/').endswith('root/microsoftdfs') \
            and not namespace.lower().replace('\\', '/').endswith('root/cimv2'):
        raise Refused(WBEM_E_INVALID_NAMESPACE, 'namespace ' + namespace)
    services_obj = ComObject(exporter, 'services', {'namespace': namespace})
    data = exporter.objref(services_obj, IID_IWbemServices)
    return align(orpcthat_bytes() + interface_pointer(data), 4) + u32(0)


def services(call, exporter, obj):
    if call.opnum == 20:
        req = wmi.IWbemServices_ExecQuery(call.stub)
        wql = ''.join(req['strQuery']['asData']) if isinstance(req['strQuery']['asData'], list) \
            else req['strQuery']['asData']
        wql = wql.rstrip('\x00')
        STATE.log(event='query', wql=wql, level=call.level)
        try:
            cls, objects = classes_of(wql)
        except Refused as r:
            # MS-WMI methods answer WBEM statuses in the response (NULL ppEnum), not as RPC faults
            return orpcthat_bytes() + u32(0) + u32(r.status)
        enum = ComObject(exporter, 'enum', {'objects': list(objects), 'cursor': 0, 'seen': set()})
        data = exporter.objref(enum, IID_IEnumWbemClassObject)
        return align(orpcthat_bytes() + interface_pointer(data), 4) + u32(0)
    if call.opnum == 24:
        path, method, in_params = parse_exec_method(call.stub)
        STATE.log(event='method', path=path, method=method, inParams=in_params.hex(), level=call.level)
        answer = STATE.methods.get(method)
        if answer is None:
            return orpcthat_bytes() + u32(0) + u32(0) + u32(WBEM_E_INVALID_METHOD)
        if 'error' in answer:
            return orpcthat_bytes() + u32(0) + u32(0) + u32(answer['error'])
        data = custom_objref(answer['out'])
        # ppOutParams (MInterfacePointer** : unique pointer to unique pointer), ppCallResult NULL, status
        out = orpcthat_bytes() + u32(0x00020000) + interface_pointer(data, 0x00020004)
        return align(out, 4) + u32(0) + u32(0)
    raise Refused(NCA_OP_RNG_ERROR, 'IWbemServices opnum %d' % call.opnum)


class Reader:
    """NDR (MS-RPCE 2.2.5, little-endian) read by hand where impacket's structures do not fit every client."""

    def __init__(self, data, offset):
        self.data = data
        self.at = offset

    def u32(self):
        self.at += (4 - self.at % 4) % 4
        v = struct.unpack('<L', self.data[self.at:self.at + 4])[0]
        self.at += 4
        return v

    def take(self, n):
        v = self.data[self.at:self.at + n]
        self.at += n
        return v

    def bstr(self):
        """A BSTR: unique pointer to FLAGGED_WORD_BLOB (conformance, cBytes, clSize, asData) (MS-OAUT 2.2.23)."""
        if self.u32() == 0:
            return None
        self.u32()
        self.u32()
        size = self.u32()
        return self.take(2 * size).decode('utf-16le').rstrip('\x00')

    def interface(self):
        """A unique MInterfacePointer*: conformance, ulCntData, abData."""
        if self.u32() == 0:
            return None
        self.u32()
        size = self.u32()
        return self.take(size)


def parse_exec_method(stub):
    r = Reader(stub, 32)  # after ORPCTHIS
    path = r.bstr()
    method = r.bstr()
    r.u32()  # lFlags
    r.interface()  # pCtx
    ref = r.interface()
    in_params = OBJREF_CUSTOM(ref)['pObjectData'] if ref else b''
    return path, method, in_params


def enumerator(call, exporter, obj):
    state = obj.data
    if call.opnum == 3:  # Reset
        state['cursor'] = 0
        return orpcthat_bytes() + u32(0)
    if call.opnum == 4:  # Next(lTimeout, uCount): apObjects (conformant varying), puReturned, status
        count = struct.unpack('<L', call.stub[36:40])[0]
        chosen = state['objects'][state['cursor']:state['cursor'] + count]
        state['cursor'] += len(chosen)
        out = orpcthat_bytes() + u32(count) + u32(0) + u32(len(chosen))
        ref = 0x00020000
        for _ in chosen:
            out += u32(ref)
            ref += 4
        for o in chosen:
            data = custom_objref(o['unit'])
            out = align(out, 4) + u32(len(data)) + u32(len(data)) + data
        out = align(out, 4) + u32(len(chosen))
        return out + u32(WBEM_S_FALSE if len(chosen) < count else 0)
    raise Refused(NCA_OP_RNG_ERROR, 'IEnumWbemClassObject opnum %d' % call.opnum)


def fetch_smart_enum(call, exporter, obj):
    if call.opnum != 3:
        raise Refused(NCA_OP_RNG_ERROR, 'IWbemFetchSmartEnum opnum %d' % call.opnum)
    smart = ComObject(exporter, 'smart', obj.data)
    data = exporter.objref(smart, IID_IWbemWCOSmartEnum)
    return align(orpcthat_bytes() + interface_pointer(data), 4) + u32(0)


def smart_enum(call, exporter, obj):
    if call.opnum != 3:
        raise Refused(NCA_OP_RNG_ERROR, 'IWbemWCOSmartEnum opnum %d' % call.opnum)
    # Next(REFGUID proxyGUID, lTimeout, uCount) after ORPCTHIS
    # ORPCTHIS (32 octets), proxyGUID (16), lTimeout, uCount
    count = struct.unpack('<L', call.stub[52:56])[0]
    state = obj.data
    chosen = state['objects'][state['cursor']:state['cursor'] + count]
    state['cursor'] += len(chosen)
    STATE.log(event='smartNext', asked=count, returned=len(chosen), level=call.level)
    status = WBEM_S_FALSE if len(chosen) < count else 0
    if not chosen:
        return orpcthat_bytes() + u32(0) + u32(0) + u32(0) + u32(status)
    buf = object_array(chosen, state['seen'])
    out = orpcthat_bytes() + u32(len(chosen)) + u32(len(buf)) + unique_bytes(buf)
    return align(out, 4) + u32(status)


# --------------------------------------------------------------------------------------------------- RPC connections

class Security:
    """One NTLM security context of a connection (MS-NLMP 3.2, server side)."""

    def __init__(self, level, ctx_id):
        self.level = level
        self.ctx_id = ctx_id
        self.challenge = os.urandom(8)
        self.challenge_message = None
        self.ready = False
        self.recv_seq = 0
        self.send_seq = 0

    def challenge_for(self, negotiate):
        msg = ntlm.NTLMAuthNegotiate()
        msg.fromString(negotiate)
        asked = msg['flags']
        flags = (ntlm.NTLMSSP_NEGOTIATE_VERSION | ntlm.NTLMSSP_NEGOTIATE_TARGET_INFO |
                 ntlm.NTLMSSP_TARGET_TYPE_DOMAIN | ntlm.NTLMSSP_NEGOTIATE_NTLM | ntlm.NTLMSSP_REQUEST_TARGET)
        for f in (ntlm.NTLMSSP_NEGOTIATE_56, ntlm.NTLMSSP_NEGOTIATE_128, ntlm.NTLMSSP_NEGOTIATE_KEY_EXCH,
                  ntlm.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, ntlm.NTLMSSP_NEGOTIATE_UNICODE,
                  ntlm.NTLMSSP_NEGOTIATE_SIGN, ntlm.NTLMSSP_NEGOTIATE_SEAL, ntlm.NTLMSSP_NEGOTIATE_ALWAYS_SIGN):
            if asked & f:
                flags |= f
        domain = STATE.config['domain'].encode('utf-16le')
        av = ntlm.AV_PAIRS()
        av[ntlm.NTLMSSP_AV_HOSTNAME] = av[ntlm.NTLMSSP_AV_DNS_HOSTNAME] = b'M\x00E\x00M\x00B\x00E\x00R\x00'
        av[ntlm.NTLMSSP_AV_DOMAINNAME] = av[ntlm.NTLMSSP_AV_DNS_DOMAINNAME] = domain
        av[ntlm.NTLMSSP_AV_TIME] = struct.pack('<q', 116444736000000000 + int(__import__('time').time()) * 10000000)
        ch = ntlm.NTLMAuthChallenge()
        ch['flags'] = flags
        ch['domain_len'] = ch['domain_max_len'] = len(domain)
        ch['domain_offset'] = 40 + 16
        ch['challenge'] = self.challenge
        ch['domain_name'] = domain
        ch['TargetInfoFields_len'] = ch['TargetInfoFields_max_len'] = len(av)
        ch['TargetInfoFields'] = av
        ch['TargetInfoFields_offset'] = 40 + 16 + len(domain)
        ch['Version'] = b'\x0a\x00\x7c\x4f\x00\x00\x00\x0f'
        ch['VersionLen'] = 8
        self.challenge_message = ch.getData()
        return self.challenge_message

    def authenticate(self, data):
        auth = ntlm.NTLMAuthChallengeResponse()
        auth.fromString(data)
        flags = auth['flags']
        unicode = flags & ntlm.NTLMSSP_NEGOTIATE_UNICODE
        user = auth['user_name'].decode('utf-16le' if unicode else 'latin-1')
        domain = auth['domain_name'].decode('utf-16le' if unicode else 'latin-1')
        cfg = STATE.config
        nt = auth['ntlm']
        if len(nt) <= 24:
            STATE.log(event='refused', reason='NTLMv1 response', user=user)
            return False
        if user.lower() != cfg['user'].lower():
            STATE.log(event='refused', reason='unknown user', user=user)
            return False
        key = ntlm.NTOWFv2(user, cfg['password'], domain)
        proof = ntlm.hmac_md5(key, self.challenge + nt[16:])
        if proof != nt[:16]:
            STATE.log(event='refused', reason='wrong password', user=user)
            return False
        base = ntlm.hmac_md5(key, proof)
        # EncryptedRandomSessionKey by its own security buffer (MS-NLMP 2.2.1.3): impacket's sequential parse
        # misplaces it when a VERSION but no MIC precedes the payload, as jcifs writes it.
        sk_len, _, sk_off = struct.unpack('<HHL', data[52:60])
        encrypted_key = data[sk_off:sk_off + sk_len]
        if flags & ntlm.NTLMSSP_NEGOTIATE_KEY_EXCH and len(encrypted_key) == 16:
            session = ARC4.new(base).decrypt(encrypted_key)
        else:
            session = base
        if not flags & ntlm.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY:
            STATE.log(event='refused', reason='no extended session security', user=user)
            return False
        self.flags = flags
        self.user = user
        self.client_sign = ntlm.SIGNKEY(flags, session, 'Client')
        self.server_sign = ntlm.SIGNKEY(flags, session, 'Server')
        self.client_seal = ARC4.new(ntlm.SEALKEY(flags, session, 'Client')).encrypt
        self.server_seal = ARC4.new(ntlm.SEALKEY(flags, session, 'Server')).encrypt
        self.ready = True
        return True


class Connection(socketserver.BaseRequestHandler):

    def setup(self):
        self.contexts = {}
        self.security = None
        self.user = None
        self.max_xmit = 4280
        self.pending = {}

    def read(self, n):
        buf = b''
        while len(buf) < n:
            chunk = self.request.recv(n - len(buf))
            if not chunk:
                raise EOFError()
            buf += chunk
        return buf

    def handle(self):
        try:
            while True:
                head = self.read(16)
                frag_len = struct.unpack('<H', head[8:10])[0]
                if frag_len < 16 or frag_len > 65535:
                    return
                pdu = head + self.read(frag_len - 16)
                self.pdu(pdu)
        except (EOFError, ConnectionError):
            return
        except Exception:
            traceback.print_exc(file=sys.stderr)
            STATE.log(event='error', text=traceback.format_exc())

    def send_pdu(self, kind, flags, call_id, body, auth=b''):
        length = 16 + len(body) + len(auth)
        head = struct.pack('<BBBBLHHL', 5, 0, kind, flags, 0x10, length, len(auth) - 8 if auth else 0, call_id)
        self.request.sendall(head + body + auth)

    def pdu(self, pdu):
        kind, flags = pdu[2], pdu[3]
        auth_len = struct.unpack('<H', pdu[10:12])[0]
        call_id = struct.unpack('<L', pdu[12:16])[0]
        trailer, auth_value = None, b''
        if auth_len:
            trailer = pdu[len(pdu) - auth_len - 8:len(pdu) - auth_len]
            auth_value = pdu[len(pdu) - auth_len:]
        if kind in (BIND, ALTER_CONTEXT):
            self.bind(pdu, kind, call_id, trailer, auth_value)
        elif kind == AUTH3:
            ok = self.security is not None and self.security.authenticate(auth_value)
            if ok:
                self.user = self.security.user
            else:
                self.security = None
        elif kind == REQUEST:
            self.call(pdu, flags, call_id, auth_len, trailer, auth_value)

    def bind(self, pdu, kind, call_id, trailer, auth_value):
        max_xmit, max_recv, assoc = struct.unpack('<HHL', pdu[16:24])
        self.max_xmit = min(max_recv, 5840) if max_recv else 4280
        n = pdu[24]
        off = 28
        results = b''
        for _ in range(n):
            ctx_id, n_trans = struct.unpack('<HB', pdu[off:off + 3])
            abstract = pdu[off + 4:off + 20]
            off += 24
            accepted = False
            for t in range(n_trans):
                transfer = pdu[off + 20 * t:off + 20 * t + 20]
                if transfer == NDR20 and abstract in KNOWN:
                    accepted = True
            off += 20 * n_trans
            if accepted:
                self.contexts[ctx_id] = abstract
                results += struct.pack('<HH', 0, 0) + NDR20
            else:
                results += struct.pack('<HH', 2, 1 if abstract not in KNOWN else 2) + b'\x00' * 20
        reply_auth = b''
        if trailer is not None:
            auth_type, level, pad, _, ctx = struct.unpack('<BBBBL', trailer)
            if auth_type != AUTHN_WINNT:
                self.send_pdu(BIND_NAK, 3, call_id, struct.pack('<H', 8))  # authentication type not recognized
                return
            if auth_value[8:12] == b'\x01\x00\x00\x00':
                self.security = Security(level, ctx)
                STATE.log(event='bind', level=level)
                reply_auth = self.security.challenge_for(auth_value)
                reply_auth = struct.pack('<BBBBL', AUTHN_WINNT, level, 0, 0, ctx) + reply_auth
        else:
            STATE.log(event='bind', level=LEVEL_NONE) if kind == BIND else None
        port = str(self.server.server_address[1]).encode() + b'\x00'
        if kind == BIND:
            body = struct.pack('<HHL', self.max_xmit, self.max_xmit, assoc or 0x1234) + struct.pack('<H', len(port)) + port
        else:
            body = struct.pack('<HHL', self.max_xmit, self.max_xmit, assoc or 0x1234) + struct.pack('<H', 0)
        body = align(b'\x00' * 16 + body, 4)[16:]
        body += struct.pack('<BBH', n, 0, 0) + results
        body = align(b'\x00' * 16 + body, 4)[16:]
        self.send_pdu(BIND_ACK if kind == BIND else ALTER_CONTEXT_RESP, 3, call_id, body, reply_auth)

    def call(self, pdu, flags, call_id, auth_len, trailer, auth_value):
        alloc_hint, ctx_id, opnum = struct.unpack('<LHH', pdu[16:24])
        start = 24
        ipid = None
        if flags & PFC_OBJECT_UUID:
            ipid = pdu[24:40]
            start = 40
        level = LEVEL_NONE
        if trailer is not None:
            auth_type, level, pad, _, ctx = struct.unpack('<BBBBL', trailer)
            sec = self.security
            end = len(pdu) - auth_len - 8
            stub = pdu[start:end]
            if sec is None or not sec.ready:
                STATE.log(event='refused', reason='request without an established security context', level=level)
                self.fault(call_id, ctx_id, NCA_ACCESS_DENIED)
                return
            if level == LEVEL_PRIVACY:
                plain = sec.client_seal(stub)
                signed = pdu[:start] + plain + pdu[end:len(pdu) - auth_len]
                expected = ntlm.MAC(sec.flags, sec.client_seal, sec.client_sign, sec.recv_seq, signed).getData()
                stub = plain
            elif level == LEVEL_INTEGRITY:
                signed = pdu[:len(pdu) - auth_len]
                expected = ntlm.MAC(sec.flags, sec.client_seal, sec.client_sign, sec.recv_seq, signed).getData()
            else:
                expected = None
            if expected is not None:
                sec.recv_seq += 1
                if expected != auth_value:
                    STATE.log(event='refused', reason='bad signature', level=level)
                    self.fault(call_id, ctx_id, NCA_ACCESS_DENIED)
                    return
            stub = stub[:len(stub) - pad] if pad else stub
        else:
            stub = pdu[start:]
            # Without a verifier the request is at the bind's level when that is CONNECT (MS-RPCE 3.3.1.5.2)
            if self.security is not None and self.security.ready and self.security.level <= LEVEL_CONNECT:
                level = self.security.level
        key = call_id
        collected = self.pending.get(key, b'') + stub
        if not flags & PFC_LAST_FRAG:
            self.pending[key] = collected
            return
        self.pending.pop(key, None)
        iface = self.contexts.get(ctx_id)
        if iface is None:
            self.fault(call_id, ctx_id, NCA_UNK_IF, level)
            return
        try:
            out = dispatch(Call(self, iface, opnum, ipid, collected, level))
        except Refused as r:
            STATE.log(event='fault', status='0x%08X' % r.status, why=str(r))
            self.fault(call_id, ctx_id, r.status, level)
            return
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            STATE.log(event='error', text=traceback.format_exc())
            self.fault(call_id, ctx_id, 0x80004005, level)  # E_FAIL: the responder itself failed
            return
        self.respond(call_id, ctx_id, out, level)

    def fault(self, call_id, ctx_id, status, level=LEVEL_NONE):
        body = struct.pack('<LHBB', 0, ctx_id, 0, 0) + u32(status) + u32(0)
        self.send_pdu(FAULT, 3, call_id, body)

    def respond(self, call_id, ctx_id, stub, level):
        sec = self.security
        sealed = level in (LEVEL_INTEGRITY, LEVEL_PRIVACY) and sec is not None and sec.ready
        room = self.max_xmit - 24 - (32 if sealed else 0)
        room -= room % 16
        offset = 0
        first = True
        while True:
            piece = stub[offset:offset + room]
            offset += len(piece)
            last = offset >= len(stub)
            flags = (PFC_FIRST_FRAG if first else 0) | (PFC_LAST_FRAG if last else 0)
            first = False
            head_body = struct.pack('<LHBB', len(stub) - offset + len(piece), ctx_id, 0, 0)
            if not sealed:
                self.send_pdu(RESPONSE, flags, call_id, head_body + piece)
            else:
                pad = (16 - len(piece) % 16) % 16
                data = piece + b'\x00' * pad
                trailer = struct.pack('<BBBBL', AUTHN_WINNT, level, pad, 0, sec.ctx_id)
                length = 16 + len(head_body) + len(data) + 8 + 16
                head = struct.pack('<BBBBLHHL', 5, 0, RESPONSE, flags, 0x10, length, 16, call_id)
                to_sign = head + head_body + data + trailer
                if level == LEVEL_PRIVACY:
                    data, sig = ntlm.SEAL(sec.flags, sec.server_sign, None, to_sign, data, sec.send_seq,
                                          sec.server_seal)
                else:
                    sig = ntlm.SIGN(sec.flags, sec.server_sign, to_sign, sec.send_seq, sec.server_seal)
                sec.send_seq += 1
                self.request.sendall(head + head_body + data + trailer + sig.getData())
            if last:
                return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


# ------------------------------------------------------------------------------------------------------------ control

def control(request):
    op = request.get('op')
    if op == 'start':
        STATE.config = request
        server = Server((request['address'], request.get('port', 135)), Connection)
        server.exporter = Exporter(request['address'], server.server_address[1])
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return {"port": server.server_address[1]}
    if op == 'objects':
        classes = {}
        for cls, objects in request['classes'].items():
            guid = os.urandom(16)
            classes[cls] = [{'unit': bytes.fromhex(o['unit']), 'noclass': bytes.fromhex(o['noclass']),
                             'classGuid': guid} for o in objects]
        STATE.classes = classes
        return {}
    if op == 'method':
        STATE.methods[request['name']] = ({'error': request['error']} if 'error' in request
                                          else {'out': bytes.fromhex(request['out'])})
        return {}
    if op == 'hang':
        STATE.hang = bool(request['on'])
        return {}
    if op == 'log':
        with STATE.lock:
            events, STATE.events = STATE.events, []
        return {"events": events}
    raise ValueError('unknown op %r' % op)


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            answer = control(json.loads(line))
            answer['ok'] = True
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            answer = {"ok": False, "error": '%s: %s' % (type(e).__name__, e)}
        print(json.dumps(answer), flush=True)


if __name__ == '__main__':
    main()
