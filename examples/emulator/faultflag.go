// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peoplebatch/peoplebatch-go/people/peopletest"
)

// faultList is the repeatable -fault flag: KIND[,key=value...].
type faultList []peopletest.Fault

func (l *faultList) String() string {
	if l == nil {
		return ""
	}
	names := make([]string, len(*l))
	for i, f := range *l {
		names[i] = f.Kind.String()
	}
	return strings.Join(names, " ")
}

func (l *faultList) Set(spec string) error {
	f, err := parseFault(spec)
	if err != nil {
		return err
	}
	*l = append(*l, f)
	return nil
}

// mutations are the values of a fault's mutation key.
var mutations = []peopletest.Mutation{peopletest.MutationBatchCreateContacts, peopletest.MutationCreateContactGroup,
	peopletest.MutationUpdateContactPhoto, peopletest.AnyMutation}

func mutationNames() string {
	names := make([]string, len(mutations))
	for i, m := range mutations {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}

// parseFault parses "reset-after-commit,p=0.1", "status,status=503,request=3,user=alice" or
// "reset-after-commit,mutation=contactGroups.create".
func parseFault(spec string) (peopletest.Fault, error) {
	parts := strings.Split(spec, ",")
	kind, ok := peopletest.ParseFaultKind(strings.TrimSpace(parts[0]))
	if !ok {
		return peopletest.Fault{}, fmt.Errorf("unknown fault kind %q (want one of %s)", parts[0], kindNames())
	}
	f := peopletest.Fault{Kind: kind}
	for _, kv := range parts[1:] {
		key, value, found := strings.Cut(strings.TrimSpace(kv), "=")
		if !found {
			return f, fmt.Errorf("fault %q: %q is not key=value", spec, kv)
		}
		var err error
		switch key {
		case "request":
			f.Request, err = strconv.Atoi(value)
		case "user":
			f.User = value
		case "p":
			f.Probability, err = strconv.ParseFloat(value, 64)
		case "status":
			if f.Status, err = strconv.Atoi(value); err == nil && (f.Status < 200 || f.Status > 599) {
				err = fmt.Errorf("%d is not an HTTP status from 200 to 599", f.Status)
			}
		case "delay":
			f.Delay, err = time.ParseDuration(value)
		case "size":
			f.Size, err = strconv.Atoi(value)
		case "content-type":
			f.ContentType = value
		case "mutation":
			if f.Mutation = peopletest.Mutation(value); !slices.Contains(mutations, f.Mutation) {
				err = fmt.Errorf("%q is not one of %s", value, mutationNames())
			}
		default:
			return f, fmt.Errorf("fault %q: unknown key %q", spec, key)
		}
		if err != nil {
			return f, fmt.Errorf("fault %q: %s: %w", spec, key, err)
		}
	}
	return f, nil
}

func kindNames() string {
	var names []string
	for k := peopletest.FaultStatus; ; k++ {
		if _, ok := peopletest.ParseFaultKind(k.String()); !ok {
			break
		}
		names = append(names, k.String())
	}
	return strings.Join(names, ", ")
}
