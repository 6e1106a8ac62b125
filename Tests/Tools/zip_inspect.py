"""Reads a ZIP archive with Python's zipfile, as an independent reader for the Swift ZIP writer.

Usage: zip_inspect.py [--names] ARCHIVE. Prints JSON:
  {"testzip": null or the first bad entry's name, "comment": hex,
   "entries": [{"name", "nameBytes" (hex of the stored UTF-8), "method", "flags", "dateTime",
                "createSystem", "createVersion", "extractVersion", "internalAttr", "externalAttr",
                "extra" (hex), "comment" (hex), "crc", "size", "compressedSize", "data" (base64),
                "local": the same fields as read from the entry's local header}]}
With --names, only {"testzip", "names"}, for archives of many entries. Entries are listed in
central directory order. Reading every entry checks its CRC and that its
local header names the same file as the central directory.
"""
import base64
import json
import struct
import sys
import zipfile


def local_header(raw, offset):
    (signature, extract_version, flags, method, time, date, crc, compressed_size, size,
     name_length, extra_length) = struct.unpack_from("<IHHHHHIIIHH", raw, offset)
    if signature != 0x04034B50:
        raise SystemExit(f"no local header signature at offset {offset}")
    name = raw[offset + 30:offset + 30 + name_length]
    return {"extractVersion": extract_version, "flags": flags, "method": method, "time": time,
            "date": date, "crc": crc, "compressedSize": compressed_size, "size": size,
            "nameBytes": name.hex(), "extraLength": extra_length}


def main():
    names_only = sys.argv[1] == "--names"
    path = sys.argv[-1]
    with open(path, "rb") as handle:
        raw = handle.read()
    with zipfile.ZipFile(path) as archive:
        if names_only:
            json.dump({"testzip": archive.testzip(), "names": archive.namelist()}, sys.stdout)
            return
        entries = []
        for info in archive.infolist():
            data = archive.read(info)
            entries.append({
                "name": info.filename,
                "nameBytes": info.orig_filename.encode("utf-8").hex(),
                "method": info.compress_type, "flags": info.flag_bits,
                "dateTime": list(info.date_time), "createSystem": info.create_system,
                "createVersion": info.create_version, "extractVersion": info.extract_version,
                "internalAttr": info.internal_attr, "externalAttr": info.external_attr,
                "extra": info.extra.hex(), "comment": info.comment.hex(), "crc": info.CRC,
                "size": info.file_size, "compressedSize": info.compress_size,
                "data": base64.b64encode(data).decode("ascii"),
                "local": local_header(raw, info.header_offset),
            })
        json.dump({"testzip": archive.testzip(), "comment": archive.comment.hex(), "entries": entries},
                  sys.stdout)


main()
