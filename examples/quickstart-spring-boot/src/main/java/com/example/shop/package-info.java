/** The README's Spring Boot quick start: one entity, its repository and controller. */
package com.example.shop;
