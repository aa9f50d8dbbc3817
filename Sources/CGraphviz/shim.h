// The few things Swift cannot reach directly in Graphviz's C API.
// Never copy Graphviz headers into the repository: they differ across versions.
#ifndef STAFFGRAPH_CGRAPHVIZ_SHIM_H
#define STAFFGRAPH_CGRAPHVIZ_SHIM_H

#include <stddef.h>
#include <stdlib.h>
#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// `Agdirected` is a global variable, which Swift 6 rejects as shared mutable state.
static inline Agdesc_t sg_directed(void) { return Agdirected; }
static inline Agdesc_t sg_undirected(void) { return Agundirected; }

// Graphviz's layouts draw from the C library's global generators (drand48 in
// neato and fdp, rand in parts of sfdp), and not every path reseeds them from
// the graph's `start`: a second map laid out in the same process continued
// from where the first left the generator, so `draw --per` gave other pictures
// than one `draw` per group. Putting both back to their state at program
// start before every layout makes each map independent of what came before.
static inline void sg_reset_random(void) { srand48(0x1234ABCDL); srand(1); }

// Graphviz 13 changed gvRenderData's length to size_t *; GRAPHVIZ_VERSION_MAJOR
// first appears in 13, so its absence means the old signature.
static inline int sg_render_data(GVC_t *gvc, Agraph_t *g, const char *format, char **result, size_t *length) {
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 13
    return gvRenderData(gvc, g, format, result, length);
#else
    unsigned int n = 0;
    int rc = gvRenderData(gvc, g, format, result, &n);
    *length = (size_t)n;
    return rc;
#endif
}

// agstrfree gained an is_html flag in Graphviz 13.
static inline int sg_strfree(Agraph_t *g, char *s, int is_html) {
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 13
    return agstrfree(g, s, is_html);
#else
    (void)is_html;
    return agstrfree(g, s);
#endif
}

// Object IDs in creation order. cgraph's default ID discipline uses the address
// of each interned name as the object's ID, and keeps subgraphs in ID order, so
// cluster boxes came out (numbered and drawn) in an order that changed from run
// to run. This discipline refuses to map names (cgraph then keeps them in its
// internal name map) and hands out odd counter IDs, per graph, in creation
// order: the same graph built the same way iterates the same way every time.
// Only for the 2.x API (Agmemdisc_t, the 7-field Agiddisc_t, the NIL macros);
// elsewhere sg_sequential_ids() returns NULL, cgraph's default.
#if defined(NILgraph) && !defined(GRAPHVIZ_VERSION_MAJOR)
#include <stdlib.h>
static void *sg_ids_open(Agraph_t *g, Agdisc_t *disc) {
    (void)g; (void)disc;
    IDTYPE *next = (IDTYPE *)malloc(sizeof(IDTYPE));
    if (next) *next = 1;
    return next;
}
static long sg_ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)objtype; (void)createflag;
    IDTYPE *next = (IDTYPE *)state;
    if (str || !next) return 0;
    *id = *next;
    *next += 2;
    return 1;
}
static long sg_ids_alloc(void *state, int objtype, IDTYPE request) { (void)state; (void)objtype; (void)request; return 0; }
static void sg_ids_free(void *state, int objtype, IDTYPE id) { (void)state; (void)objtype; (void)id; }
static char *sg_ids_print(void *state, int objtype, IDTYPE id) { (void)state; (void)objtype; (void)id; return NULL; }
static void sg_ids_close(void *state) { free(state); }
static void sg_ids_register(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }
static inline Agdisc_t *sg_sequential_ids(void) {
    static Agiddisc_t ids = { sg_ids_open, sg_ids_map, sg_ids_alloc, sg_ids_free, sg_ids_print, sg_ids_close, sg_ids_register };
    static Agdisc_t disc = { &AgMemDisc, &ids, &AgIoDisc };
    return &disc;
}
#else
static inline Agdisc_t *sg_sequential_ids(void) { return NULL; }
#endif

// A node's laid-out centre in points (ND_coord is a macro over the node's record).
static inline double sg_node_x(Agnode_t *n) { return ND_coord(n).x; }
static inline double sg_node_y(Agnode_t *n) { return ND_coord(n).y; }

#endif
