"""Answers questions about MS-WMIO objects with impacket's own code (Debian's python3-impacket, impacket.dcerpc.v5.dcom.wmi).

The Java cross-check test starts one process and talks to it in JSON lines, one request per line on stdin and one
answer per line on stdout:

  {"op": "parse", "hex": "..."}                          -> {"ok": true, "object": {...}}
      an EncodingUnit as impacket's ENCODING_UNIT / OBJECT_BLOCK.parseObject() sees it
  {"op": "spawn", "hex": "...", "values": {...}}          -> {"ok": true, "hex": "..."}
      IWbemClassObject.SpawnInstance() of the class in "hex", the values set, then marshalMe(): an instance
      encoded by impacket
  {"op": "call", "hex": "...", "method": "M", "args": []} -> {"ok": true, "hex": "..."}
      the in-parameters impacket builds when the method M of the class in "hex" is called (what it would pass to
      IWbemServices::ExecMethod), as an EncodingUnit

Failures answer {"ok": false, "error": "..."}. The first line written is {"ready": true}, or {"ready": false,
"error": "..."} when python3-impacket cannot be imported. impacket prints while marshalling; that goes to stderr.
"""
import contextlib
import json
import sys

try:
    from impacket.dcerpc.v5.dcom import wmi
    from impacket.dcerpc.v5.dcomrt import INTERFACE, OBJREF_CUSTOM
except ImportError as e:
    print(json.dumps({"ready": False, "error": str(e)}), flush=True)
    sys.exit(0)


class CapturingServices:
    """Stands in for IWbemServices: keeps the in-parameters impacket would send with ExecMethod."""

    def __init__(self):
        self.in_params = None

    def ExecMethod(self, path, method, pInParams=None):
        self.in_params = pInParams


def class_object(unit, services=None):
    """An IWbemClassObject over an EncodingUnit, without a connection (the OBJREF_CUSTOM carries the object)."""
    ref = OBJREF_CUSTOM()
    ref['iid'] = wmi.IID_IWbemClassObject
    ref['clsid'] = wmi.CLSID_WbemClassObject
    ref['cbExtension'] = 0
    ref['ObjectReferenceSize'] = len(unit)
    ref['pObjectData'] = unit
    return wmi.IWbemClassObject(INTERFACE(objRef=ref.getData(), target='offline'), services)


def plain(value):
    if isinstance(value, bytes):
        return value.decode('latin-1')
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def properties(props):
    return {name: {"type": p['type'], "order": p['order'], "inherited": bool(p['inherited']),
                   "qualifiers": {q: plain(v) for q, v in p['qualifiers'].items()},
                   "value": plain(p['value']),
                   "null_default": p.get('null_default'), "inherited_default": p.get('inherited_default')}
            for name, p in props.items()}


def describe(parsed):
    # impacket spells a class with its superclasses: "MyClass : Base ".
    names = [n.strip() for n in parsed['name'].split(':')]
    out = {"name": names[0], "superclasses": names[1:], "qualifiers": {q: plain(v) for q, v in parsed['qualifiers'].items()},
           "properties": properties(parsed['properties'])}
    methods = {}
    for name, m in (parsed['methods'] or {}).items():
        methods[name] = {"qualifiers": {q: plain(v) for q, v in m.get('qualifiers', {}).items()},
                         "in": list((m.get('InParams') or {}).keys()),
                         "out": list((m.get('OutParams') or {}).keys())}
    out["methods"] = methods
    return out


def parse(hex_unit):
    block = wmi.ENCODING_UNIT(bytes.fromhex(hex_unit))['ObjectBlock']
    block.parseObject()
    result = {"kind": "instance" if block.isInstance() else "class", "flags": block['ObjectFlags']}
    if block['ObjectFlags'] & 0x04:
        result["server"] = block['Decoration']['DecServerName']['Character']
        result["namespace"] = block['Decoration']['DecNamespaceName']['Character']
    result["current"] = describe(block.ctCurrent)
    if block.ctParent is not None:
        result["parent"] = describe(block.ctParent)
    return {"ok": True, "object": plain(result)}


def spawn(hex_unit, values):
    with contextlib.redirect_stdout(sys.stderr):
        instance = class_object(bytes.fromhex(hex_unit)).SpawnInstance()
        for name, value in values.items():
            setattr(instance, name, value)
        return {"ok": True, "hex": instance.marshalMe()['pObjectData'].getData().hex()}


def call(hex_unit, method, args):
    services = CapturingServices()
    with contextlib.redirect_stdout(sys.stderr):
        getattr(class_object(bytes.fromhex(hex_unit), services), method)(*args)
    return {"ok": True, "hex": services.in_params['pObjectData'].getData().hex()}


def answer(request):
    op = request.get("op")
    if op == "parse":
        return parse(request["hex"])
    if op == "spawn":
        return spawn(request["hex"], request["values"])
    if op == "call":
        return call(request["hex"], request["method"], request["args"])
    return {"ok": False, "error": "unknown op %r" % op}


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = answer(json.loads(line))
        except Exception as e:  # every failure becomes an answer; the Java side asserts on it
            reply = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
