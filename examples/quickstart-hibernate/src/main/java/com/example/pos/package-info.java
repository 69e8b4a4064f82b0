/** The README's plain-Hibernate quick start: two entities and how the application opens Hibernate on both walls. */
package com.example.pos;
