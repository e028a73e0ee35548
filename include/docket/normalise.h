/* normalise.h: one spelling for contribution numbers, specs, meetings,
 * working groups, people, companies and decision words.
 *
 * Secretaries mistype numbers and names. The functions here map what was
 * typed onto one spelling and report what they repaired, so that records
 * can keep the typed form as a searchable alias. Name tables come from
 * alias files (docs/aliases.txt documents the format).
 */
#ifndef DOCKET_NORMALISE_H
#define DOCKET_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Alias tables loaded from alias files (see docs/aliases.txt). */
typedef struct docket_aliases docket_aliases;

typedef enum docket_alias_kind {
    DOCKET_ALIAS_SPEC,    /* spec names: "ARC TS" -> "TS-0001" */
    DOCKET_ALIAS_COMPANY, /* "Gemalto N.V." -> "Gemalto" */
    DOCKET_ALIAS_PERSON,  /* "Mireille PAULIAC" -> "Mireille Pauliac" */
    DOCKET_ALIAS_WG       /* per body: "WG4" -> "SEC" for oneM2M */
} docket_alias_kind;

/* Create an empty alias table. */
docket_status docket_aliases_new(docket_aliases **out);

/* Add the entries of the alias file at `path` to `aliases`. An entry for a
 * name that is already known replaces the earlier one, so a later file
 * overrides an earlier one. Fails with DOCKET_ERR_IO when the file cannot
 * be read and DOCKET_ERR_INVALID_INPUT on a malformed line. `err` then
 * names the file and the line number. */
docket_status docket_aliases_load(docket_aliases *aliases, const char *path,
                                  docket_error *err);

/* Add the entries of `len` bytes of alias-file text. Error messages name
 * the text `name`. */
docket_status docket_aliases_parse(docket_aliases *aliases, const char *name,
                                   const char *data, size_t len, docket_error *err);

/* Return the canonical spelling of `name` in the table of `kind`, or NULL
 * when the table does not know it. Matching ignores case, spaces and
 * punctuation ("Gemalto N. V" matches "Gemalto N.V."). For
 * DOCKET_ALIAS_WG use docket_aliases_wg, which takes the body. The string
 * lives as long as `aliases`, which may be NULL. */
const char *docket_aliases_lookup(const docket_aliases *aliases, docket_alias_kind kind,
                                  const char *name);

/* Return the canonical name of working group `name` of `body` ("oneM2M",
 * "WG4" -> "SEC"), or NULL when unknown. */
const char *docket_aliases_wg(const docket_aliases *aliases, const char *body,
                              const char *name);

/* Store in `out` up to `max` names of working group `canonical` of `body`:
 * the canonical name first, then its aliases in file order. Return how
 * many names the group has, which may exceed `max`, or 0 when unknown. */
size_t docket_aliases_wg_names(const docket_aliases *aliases, const char *body,
                               const char *canonical, const char **out, size_t max);

void docket_aliases_free(docket_aliases *aliases);

/* Contribution numbers: oneM2M "SEC-2014-0059R06" (base SEC-2014-0059,
 * revision 6) and 3GPP "S2-1812368" with an optional "r02". */
#define DOCKET_DOCNUM_SIZE 48

/* Repairs applied to a typed contribution number (bit flags). */
enum {
    DOCKET_REPAIR_REVISION_LETTER = 1 << 0, /* "Ro1": letter o typed for digit 0 */
    DOCKET_REPAIR_YEAR_SWAP = 1 << 1,       /* "SEC-2104-" typed in a 2014 meeting */
    DOCKET_REPAIR_PADDED = 1 << 2           /* "SEC-2014-053": leading zero restored */
};

typedef struct docket_docnum {
    char typed[DOCKET_DOCNUM_SIZE];  /* the bytes as written */
    char base[DOCKET_DOCNUM_SIZE];   /* "SEC-2014-0059" */
    char number[DOCKET_DOCNUM_SIZE]; /* "SEC-2014-0059R06", or the base */
    int revision;                    /* 6 for R06, or -1 without revision */
    unsigned repairs;                /* DOCKET_REPAIR_* bits */
    bool ambiguous;                  /* a repair had several answers: base and
                                        number keep the typed digits */
    size_t length;                   /* bytes of text the number spans */
} docket_docnum;

/* What number repairs may rely on. */
typedef struct docket_docnum_context {
    int year;               /* the meeting year, or 0 when unknown (no year repair) */
    const char *block_base; /* base number of the contribution being discussed, or NULL */
} docket_docnum_context;

/* Find the first contribution number in `text` and describe it in `out`.
 * Return a pointer to its first byte, or NULL when there is none.
 * `context` may be NULL.
 *
 * Repairs: a letter o among revision digits is a zero. A year whose two
 * adjacent digits are swapped is repaired when the swap gives the meeting
 * year. A three-digit number gets a leading zero, unless the block's own
 * number could have lost a different digit to give the same three digits
 * (SEC-2014-005R04 in the block of SEC-2014-0055 may be 0005 or 0055), in
 * which case the number is kept as typed and marked ambiguous. Revision
 * suffixes R, r, Rev and rev are written as R and two digits. */
const char *docket_docnum_find(const char *text, const docket_docnum_context *context,
                               docket_docnum *out);

/* Parse `typed`, which must be exactly one contribution number. Fails with
 * DOCKET_ERR_INVALID_INPUT otherwise. */
docket_status docket_docnum_parse(const char *typed, const docket_docnum_context *context,
                                  docket_docnum *out);

/* Specifications: "TS-0001", "TR-0008", "WI-0007" (oneM2M, also typed
 * "TS 0001"), "TS 23.501" (3GPP) and "RFC9110". */
#define DOCKET_SPEC_SIZE 32

/* Find the first explicit spec reference in `text`, write its normal form
 * to `out` and its length in the text to `*length`. Return a pointer to
 * its first byte, or NULL. */
const char *docket_spec_find(const char *text, char out[DOCKET_SPEC_SIZE], size_t *length);

/* Called once per spec found. A status other than DOCKET_OK stops the scan
 * and is returned by docket_specs_scan. */
typedef docket_status (*docket_spec_fn)(const char *spec, void *data);

/* Call `fn` for every spec in `text`: explicit references, then spec names
 * of the alias table ("Security TS" -> TS-0003) found at word boundaries.
 * A spec may be reported more than once. `aliases` may be NULL. */
docket_status docket_specs_scan(const docket_aliases *aliases, const char *text,
                                docket_spec_fn fn, void *data);

/* Internet-Draft names, "draft-ietf-core-href" (normalise_ietf.c). */
#define DOCKET_DRAFT_SIZE 128

/* Find the first Internet-Draft name in `text`: "draft-" and at least two
 * more words of letters and digits joined by hyphens, three when the
 * second is "ietf" or "irtf" (draft-ietf-WG-NAME). Write it in lowercase
 * to `out` without its version ("draft-ietf-core-href-13" ->
 * "draft-ietf-core-href") and without a file extension, and the bytes it
 * spans in the text, version included, to `*length` (may be NULL).
 * Return a pointer to its first byte, or NULL when there is none. */
const char *docket_draft_find(const char *text, char out[DOCKET_DRAFT_SIZE], size_t *length);

/* Write the IETF meeting id found in `text` to `out`: "IETF 115",
 * "IETF-115", "ietf115" and "Core@IETF115" give "IETF115". The number
 * has two or three digits and is not followed by a letter, a digit or a
 * file extension ("ietf802.m3u"). Return false when `text` holds none or
 * it does not fit. */
bool docket_ietf_meeting_id(const char *text, char *out, size_t size);

/* Write the meeting id found in `text` to `out` ("SEC # 9.0 (TP9 ...)" ->
 * "SEC#9.0"). Return false when `text` holds none or it does not fit. */
bool docket_meeting_id(const char *text, char *out, size_t size);

/* Read a date or date range ("2014-02-17 to 2014-02-22", "7-11 July 2014",
 * "July 7 - 11, 2014") into ISO dates. `end` equals `start` for one day.
 * Return false when `text` holds no complete date. */
bool docket_date_range(const char *text, char start[11], char end[11]);

/* Return the decision of the run of decision words that starts `text`,
 * normalised to one of agreed, approved, noted, revised, endorsed, merged,
 * withdrawn, postponed, not-handled, replied, revision-expected, open,
 * closed, ongoing, frozen, or NULL when `text` does not start with one.
 * Case is ignored and the last word of the run wins ("agreed NOTED" is
 * noted). `*length` (may be NULL) receives the bytes the run spans. */
const char *docket_decision_word(const char *text, size_t *length);

/* Return the decision of the first decision word or phrase in `text` that
 * starts at a word boundary, reading that word alone: "Revised OPEN" is
 * revised and "This CR was agreed" is agreed. Return NULL when there is
 * none. `*at` (may be NULL) receives its first byte. */
const char *docket_decision_find(const char *text, const char **at);

/* 3GPP names (normalise_3gpp.c). Working groups are written as their short
 * names: "SA2" for SA WG2 (document prefix S2), "CT4" for CT WG4 (C4),
 * "RAN1" for RAN WG1 (R1); a plenary is "SA", "CT" or "RAN" (prefix SP,
 * CP, RP). */

/* Write the working group of the 3GPP document-number prefix `prefix`
 * ("S2" -> "SA2", "SP" -> "SA") to `out`. Only the first two bytes are
 * read. Return false when they are not a known prefix or `out` is too
 * small. */
bool docket_3gpp_wg(const char *prefix, char *out, size_t size);

/* Write the long name of 3GPP working group `wg` ("SA2" -> "SA WG2",
 * "SA" -> "TSG SA") to `out`. Return false when `wg` is not a 3GPP group
 * name or `out` is too small. */
bool docket_3gpp_wg_long_name(const char *wg, char *out, size_t size);

/* Write the first 3GPP meeting id in `text` to `out`: the working group,
 * '#', the meeting number and a lowercase suffix. Both the names
 * ("3GPP TSG-SA WG2 Meeting #129-Bis", "SA WG2#128", "SA2#128") and the
 * document-prefix forms ("S2-129BIS", "S2#127BIS", "#S2-129-BIS") give
 * "SA2#129bis" or "SA2#128". Return false when `text` holds none or it
 * does not fit. */
bool docket_3gpp_meeting_id(const char *text, char *out, size_t size);

/* Read a bare 3GPP specification number at the start of `text` ("23.214",
 * or "TS 23.214" and "TR 23.742"): two digits, a dot and three digits.
 * Write its normal form to `out` as docket_spec_find does ("TS 23.214").
 * Without a TS or TR prefix the number decides: 3GPP numbers xx.7xx,
 * xx.8xx and xx.9xx are technical reports, the others technical
 * specifications. Return the bytes read, or 0 when `text` does not start
 * with one. */
size_t docket_3gpp_spec_at(const char *text, char out[DOCKET_SPEC_SIZE]);

/* Normalise a person's name into a new string in `*out` (NULL when the
 * name is empty): spaces collapsed, commas dropped ("Shingo, Fujimoto"),
 * family names in capitals recapitalised ("PAULIAC" -> "Pauliac"), then
 * the people table applied. The caller frees `*out`. */
docket_status docket_person_normalise(const docket_aliases *aliases, const char *typed,
                                      char **out);

/* Normalise a company name into a new string in `*out` (NULL when empty):
 * spaces collapsed, stray brackets and trailing punctuation dropped, then
 * the company table applied ("Gemalto N. V (ETSI" -> "Gemalto"). */
docket_status docket_company_normalise(const docket_aliases *aliases, const char *typed,
                                       char **out);

#ifdef __cplusplus
}
#endif

#endif
