// Copyright 2026 The peoplebatch-go Authors. SPDX-License-Identifier: Apache-2.0

package main

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// minimizeLimit bounds, in executions, the minimization of each new input a fuzz target of
// this package finds, unless -fuzzminimizetime says otherwise. Go's minimizer tries removing
// every byte range of an input, about n²/2 executions for n bytes: for the inputs that grow
// from FuzzReadData's seeds (export files of 0.2 to 2.4 KB) that is hundreds of thousands of
// executions, which the default bound of 60 s per input cuts short only after the worker
// stopped fuzzing for a minute: most 10 s runs made 12 to 350 executions and found 0 to 2
// new inputs. The bound lets the cheap passes run (cutting the tail, removing single bytes)
// and leaves the new input larger otherwise; with it, 10 s runs make 30,000 to 46,000
// executions and find 17 to 44 new inputs. Every input is still run and checked in full: no
// check is weakened, only the corpus entries are less small.
const minimizeLimit = "2000x"

// boundMinimization sets -test.fuzzminimizetime to minimizeLimit, unless it was given.
func boundMinimization() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		flag.Set("test.fuzzminimizetime", minimizeLimit)
	}
}

// FuzzReadData checks that no input file makes the readers panic, and that every record
// they read holds valid UTF-8 only: nothing undecodable reaches a contact.
func FuzzReadData(f *testing.F) {
	for _, name := range []string{"android21.vcf", "ios30.vcf", "vcard40.vcf", "outlook21.vcf", "excel1252.csv", "utf16.csv", "outlook.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, filepath.Ext(name) == ".vcf", "")
	}
	f.Add([]byte("BEGIN:VCARD\r\nFN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=91=BE\r\nEND:VCARD\r\n"), true, "windows-1252")
	f.Fuzz(func(t *testing.T, data []byte, vcard bool, encoding string) {
		format := "csv"
		if vcard {
			format = "vcard"
		}
		in, err := readData("f", format, data, encoding)
		if err != nil {
			return
		}
		for r := range in.records() {
			if r.Person == nil {
				continue
			}
			if s, ok := invalidUTF8String(reflect.ValueOf(r.Person)); ok {
				t.Fatalf("record %d: a contact holds %q, which is not valid UTF-8", r.Num, s)
			}
		}
	})
}

// invalidUTF8String returns a string held in v that is not valid UTF-8 (json.Marshal would
// replace its bytes silently), and whether there is one.
func invalidUTF8String(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return v.String(), !utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return invalidUTF8String(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			if s, ok := invalidUTF8String(v.Index(i)); ok {
				return s, true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				if s, ok := invalidUTF8String(v.Field(i)); ok {
					return s, true
				}
			}
		}
	}
	return "", false
}
