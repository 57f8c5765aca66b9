// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package genmodel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
)

// APIModule is the module that ships the discovery document.
const APIModule = "google.golang.org/api"

// DocumentPath is the path of the People API discovery document inside [APIModule].
const DocumentPath = "people/v1/people-api.json"

// Source is where a discovery document comes from.
type Source struct {
	Path    string // the file
	Version string // the version of APIModule that holds it, such as v0.312.0
}

// moduleInfo is the part of the output of go list -m -json and go mod download -json that
// Locate reads.
type moduleInfo struct {
	Version string
	Dir     string
	Error   json.RawMessage // a string from go mod download, an object from go list
}

// Locate finds the discovery document in the module cache, at the version of [APIModule] that
// the main module in dir requires. It runs the go command: go list -m, and go mod download
// when the module is not yet extracted, which reads the local cache before any proxy, so it
// works offline once the module was downloaded.
func Locate(ctx context.Context, dir string) (Source, error) {
	info, err := goModule(ctx, dir, "list", "-m", "-json", APIModule)
	if err != nil {
		return Source{}, err
	}
	if info.Dir == "" {
		if info, err = goModule(ctx, dir, "mod", "download", "-json", APIModule); err != nil {
			return Source{}, err
		}
	}
	if info.Dir == "" || info.Version == "" {
		return Source{}, fmt.Errorf("genmodel: the go command gives no directory or version for %s", APIModule)
	}
	return Source{Path: filepath.Join(info.Dir, filepath.FromSlash(DocumentPath)), Version: info.Version}, nil
}

// goModule runs go with args in dir and decodes the module it prints.
func goModule(ctx context.Context, dir string, args ...string) (moduleInfo, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return moduleInfo{}, fmt.Errorf("genmodel: go %v: %w: %s", args, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var info moduleInfo
	if err := json.Unmarshal(out, &info); err != nil {
		return moduleInfo{}, fmt.Errorf("genmodel: go %v: %w", args, err)
	}
	if len(info.Error) > 0 && string(info.Error) != "null" {
		return moduleInfo{}, fmt.Errorf("genmodel: go %v: %s", args, info.Error)
	}
	return info, nil
}
