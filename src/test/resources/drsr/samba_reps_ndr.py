"""Answers questions about REPS_FROM/REPS_TO and replUpToDateVector values with Samba's own NDR code (python3-samba).

The Java cross-check test starts one process and talks to it in JSON lines, one request per line on stdin and one
answer per line on stdout:

  {"op": "unpack", "hex": "..."}  ->  {"ok": true, "fields": {...}, "repack": "..."}  or  {"ok": false, "error": "..."}
  {"op": "pack", "fields": {...}} ->  {"ok": true, "hex": "..."}                      or  {"ok": false, "error": "..."}
  {"op": "utdv_unpack", "hex": "..."}, {"op": "utdv_pack", "fields": {...}}: the same for replUpToDateVectorBlob;
  utdv_unpack is strict (no bytes may remain), as a reader of the attribute should be.

"fields" is Samba's view of a repsFromToBlob, keyed by the names in Samba's drsblobs.idl. Times are DSTIME seconds
(the wire unit); Samba's Python API shows them as NTTIME, ten million times larger. The first line written is
{"ready": true}, or {"ready": false, "error": "..."} when python3-samba cannot be imported.

A replUpToDateVectorBlob's "fields" are version, reserved, count, ctr_reserved (the container's reserved field) and
cursors, each with source_dsa_invocation_id, highest_usn and, in version 2, last_sync_success (the raw NTTIME).
"""
import json
import sys

try:
    from samba.dcerpc import drsblobs, drsuapi, misc
    from samba.ndr import ndr_pack, ndr_unpack
except ImportError as e:
    print(json.dumps({"ready": False, "error": str(e)}), flush=True)
    sys.exit(0)

NTTIME_PER_SECOND = 10 ** 7


def fields_of(blob):
    c = blob.ctr
    hw = c.highwatermark
    result = c.result_last_attempt  # read back as (code, "WERR_...")
    f = {
        "version": blob.version,
        "reserved": blob.reserved,
        "blobsize": c.blobsize,
        "consecutive_sync_failures": c.consecutive_sync_failures,
        "last_success": c.last_success // NTTIME_PER_SECOND,
        "last_attempt": c.last_attempt // NTTIME_PER_SECOND,
        "result_last_attempt": result[0] & 0xFFFFFFFF,
        "result_name": result[1],
        "other_info_length": c.other_info_length,
        "replica_flags": c.replica_flags,
        "schedule": bytes(c.schedule).hex(),
        "reserved1": c.reserved,
        "highwatermark": [hw.tmp_highest_usn, hw.reserved_usn, hw.highest_usn],
        "source_dsa_obj_guid": str(c.source_dsa_obj_guid),
        "source_dsa_invocation_id": str(c.source_dsa_invocation_id),
        "transport_guid": str(c.transport_guid),
        "other_info": None,
    }
    oi = c.other_info
    if blob.version == 2:
        f["unknown1"] = c.unknown1
        if oi is not None:
            f["other_info"] = {"dns_name1": oi.dns_name1, "unknown1": oi.unknown1,
                               "dns_name2": oi.dns_name2, "unknown2": oi.unknown2}
    elif oi is not None:
        f["other_info"] = {"dns_name": oi.dns_name}
    return f


def blob_of(f):
    version = f["version"]
    c = drsblobs.repsFromTo1() if version == 1 else drsblobs.repsFromTo2()
    c.consecutive_sync_failures = f["consecutive_sync_failures"]
    c.last_success = f["last_success"] * NTTIME_PER_SECOND
    c.last_attempt = f["last_attempt"] * NTTIME_PER_SECOND
    c.result_last_attempt = f["result_last_attempt"]
    c.replica_flags = f["replica_flags"]
    c.schedule = list(bytes.fromhex(f["schedule"]))
    c.reserved = f["reserved1"]
    hw = drsuapi.DsReplicaHighWaterMark()
    hw.tmp_highest_usn, hw.reserved_usn, hw.highest_usn = f["highwatermark"]
    c.highwatermark = hw
    c.source_dsa_obj_guid = misc.GUID(f["source_dsa_obj_guid"])
    c.source_dsa_invocation_id = misc.GUID(f["source_dsa_invocation_id"])
    c.transport_guid = misc.GUID(f["transport_guid"])
    info = f["other_info"]
    if version == 2:
        c.unknown1 = f["unknown1"]
        if info is not None:
            oi = drsblobs.repsFromTo2OtherInfo()
            oi.dns_name1 = info["dns_name1"]
            oi.unknown1 = info["unknown1"]
            oi.dns_name2 = info["dns_name2"]
            oi.unknown2 = info["unknown2"]
            c.other_info = oi
    elif info is not None:
        oi = drsblobs.repsFromTo1OtherInfo()
        oi.dns_name = info["dns_name"]
        c.other_info = oi
    blob = drsblobs.repsFromToBlob()
    blob.version = version
    blob.reserved = f["reserved"]
    blob.ctr = c
    # ndr_pack runs while c and its other_info are still referenced here.
    return ndr_pack(blob)


def utdv_fields_of(blob):
    c = blob.ctr
    cursors = []
    for cur in c.cursors:
        f = {"source_dsa_invocation_id": str(cur.source_dsa_invocation_id), "highest_usn": cur.highest_usn}
        if blob.version == 2:
            f["last_sync_success"] = cur.last_sync_success
        cursors.append(f)
    return {"version": blob.version, "reserved": blob.reserved, "count": c.count, "ctr_reserved": c.reserved,
            "cursors": cursors}


def utdv_blob_of(f):
    version = f["version"]
    c = drsblobs.replUpToDateVectorCtr2() if version == 2 else drsblobs.replUpToDateVectorCtr1()
    cursors = []
    for cf in f["cursors"]:
        cur = drsuapi.DsReplicaCursor2() if version == 2 else drsuapi.DsReplicaCursor()
        cur.source_dsa_invocation_id = misc.GUID(cf["source_dsa_invocation_id"])
        cur.highest_usn = cf["highest_usn"]
        if version == 2:
            cur.last_sync_success = cf["last_sync_success"]
        cursors.append(cur)
    c.cursors = cursors
    c.count = len(cursors)  # setting the array leaves count alone
    c.reserved = f["ctr_reserved"]
    blob = drsblobs.replUpToDateVectorBlob()
    blob.version = version
    blob.reserved = f["reserved"]
    blob.ctr = c
    return ndr_pack(blob)


def answer(request):
    try:
        if request["op"] == "unpack":
            blob = ndr_unpack(drsblobs.repsFromToBlob, bytes.fromhex(request["hex"]), allow_remaining=True)
            return {"ok": True, "fields": fields_of(blob), "repack": ndr_pack(blob).hex()}
        if request["op"] == "pack":
            return {"ok": True, "hex": blob_of(request["fields"]).hex()}
        if request["op"] == "utdv_unpack":
            blob = ndr_unpack(drsblobs.replUpToDateVectorBlob, bytes.fromhex(request["hex"]))
            return {"ok": True, "fields": utdv_fields_of(blob), "repack": ndr_pack(blob).hex()}
        if request["op"] == "utdv_pack":
            return {"ok": True, "hex": utdv_blob_of(request["fields"]).hex()}
        return {"ok": False, "error": "unknown op " + str(request.get("op"))}
    except Exception as e:  # report, keep serving: one bad value must not end the conversation
        return {"ok": False, "error": type(e).__name__ + ": " + str(e)}


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
            sys.stdout.flush()


main()
