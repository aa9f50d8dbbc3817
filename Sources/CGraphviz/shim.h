// The few things Swift cannot reach directly in Graphviz's C API.
// Never copy Graphviz headers into the repository: they differ across versions.
#ifndef STAFFGRAPH_CGRAPHVIZ_SHIM_H
#define STAFFGRAPH_CGRAPHVIZ_SHIM_H

#include <stddef.h>
#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// `Agdirected` is a global variable, which Swift 6 rejects as shared mutable state.
static inline Agdesc_t sg_directed(void) { return Agdirected; }
static inline Agdesc_t sg_undirected(void) { return Agundirected; }

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

// A node's laid-out centre in points (ND_coord is a macro over the node's record).
static inline double sg_node_x(Agnode_t *n) { return ND_coord(n).x; }
static inline double sg_node_y(Agnode_t *n) { return ND_coord(n).y; }

#endif
