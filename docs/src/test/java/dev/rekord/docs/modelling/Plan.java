package dev.rekord.docs.modelling;

// tag::model[]
public enum Plan { FREE, PRO }
// end::model[]
