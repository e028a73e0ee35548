/* xc_status.h: binding statuses as docket statuses. */
#ifndef DOCKET_XC_STATUS_H
#define DOCKET_XC_STATUS_H

#include "docket/status.h"
#include "xapian-c.h"

/* The docket status for a binding status. */
docket_status docket_status_from_xc(xc_status xs);

#endif
