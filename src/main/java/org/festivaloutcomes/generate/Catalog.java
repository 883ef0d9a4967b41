package org.festivaloutcomes.generate;

import java.time.LocalDate;
import java.util.List;

/** Names, places and figures of the two seed reports, and the word pools the generator draws from. */
final class Catalog {

    private Catalog() {
    }

    record Edition(String id, String name, String series, String city, LocalDate start, LocalDate end,
            String previous, String grossSpace, String short2) {
    }

    static final Edition SHICF_2022 = new Edition("SHICF-2022", "2022 Shanghai Information Consumption Festival",
            "SHICF", "Shanghai", LocalDate.of(2022, 5, 20), LocalDate.of(2022, 6, 20), null, null, "SH22");
    static final Edition SHICF_2023 = new Edition("SHICF-2023", "2023 Shanghai Information Consumption Festival",
            "SHICF", "Shanghai", LocalDate.of(2023, 5, 17), LocalDate.of(2023, 6, 16), "SHICF-2022", null, "SH23");
    static final Edition QDDCE_2023 = new Edition("QDDCE-2023",
            "2023 Qingdao Digital Culture Application Development Expo", "QDDCE", "Qingdao",
            LocalDate.of(2023, 4, 6), LocalDate.of(2023, 4, 9), null, "60,000", "QD23");

    /** In file order. */
    static final List<Edition> EDITIONS = List.of(QDDCE_2023, SHICF_2022, SHICF_2023);

    /** Shanghai's 16 districts and the relative number of activities each hosts. */
    static final String[] DISTRICTS = {"Huangpu", "Xuhui", "Changning", "Jing'an", "Putuo", "Hongkou", "Yangpu",
        "Minhang", "Baoshan", "Jiading", "Pudong New Area", "Jinshan", "Songjiang", "Qingpu", "Fengxian", "Chongming"};
    static final double[] DISTRICT_WEIGHTS = {3, 2, 1.2, 2, 1, 1, 1.3, 1.5, 1, 1.2, 3, 0.6, 1, 0.8, 0.6, 0.5};

    static final String[] SECTIONS = {"New Trends", "New Markets", "New Products"};

    static final String[] SH_TOPICS = {"Metaverse", "AIGC", "Digital Economy", "Web3.0", "Intelligent Terminals",
        "5G", "Digital People", "Online Entertainment", "Online Medical Care", "Digital Culture", "Smart Home",
        "Intelligent Connected Vehicles", "Computing Power", "E-sports", "Digital Payment"};

    static final String[] SH_PRODUCTS = {"AR Glasses", "Smart Speaker with a Large Language Model", "Foldable Phone",
        "Digital Human Customer Service", "AIGC Painting App", "VR Fitness Kit", "Smart Watch", "Robot Vacuum",
        "8K Television", "Cloud Phone", "In-car Voice Assistant", "Metaverse Shopping Mall", "Smart Door Lock",
        "Children's Learning Tablet"};

    static final String[] QD_PAVILIONS = {"Digital Culture in Shandong", "Digitalization of Cultural Industry",
        "Integration of Science, Technology and Culture Tourism", "National Culture Big Data",
        "Digital Film and Television", "Foreign Trade of Digital Culture"};

    static final String[] QD_FORUMS = {"Theme Forum: Digital Technology Empowerment",
        "Theme Forum: Digitalization of Cultural Industry", "Theme Forum: Digitalization of Cultural Consumption",
        "Theme Forum: Digital Copyright, Metaverse Industry Application",
        "Theme Forum: Digital Film and Television, Network Audiovisual",
        "Theme Forum: Foreign Trade of Digital Culture"};

    static final String[] QD_PRODUCTS = {"VR Cultural Tourism Headset", "Digital Collections of Shandong Intangible Heritage",
        "AI Calligraphy Robot", "Virtual Film Production Stage", "8K Ultra HD Display", "Smart Museum Guide",
        "Metaverse Exhibition Hall", "Digital Human Anchor", "Cloud Gaming Platform", "Interactive Projection System",
        "Digital Restoration of Ancient Murals", "Holographic Stage", "Audiovisual Copyright Chain",
        "Digital Library Service", "Immersive Night Tour", "Animation IP Series"};

    static final String[] QD_INDUSTRIES = {"Film and TV", "Animation", "Games and E-sports", "Digital Publishing",
        "Cultural Tourism", "Metaverse", "Culture Big Data", "Smart Venues", "Digital Collections",
        "Consumer Electronics", "Network Audiovisual", "Creative Design"};

    static final String[] SH_INDUSTRIES = {"Metaverse", "AIGC", "Intelligent Terminals", "E-commerce", "Local Services",
        "Online Travel", "Fintech", "Online Entertainment", "Online Medical Care", "5G Applications",
        "Software and Information Services"};

    static final String[] PROVINCES = {"Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin",
        "Heilongjiang", "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei",
        "Hunan", "Guangdong", "Guangxi", "Hainan", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi",
        "Gansu", "Qinghai", "Ningxia", "Xinjiang"};

    /** Foreign regions with their ISO 3166-1 country. */
    static final String[][] FOREIGN = {{"Seoul", "KR"}, {"Busan", "KR"}, {"Tokyo", "JP"}, {"Osaka", "JP"},
        {"California", "US"}, {"New York", "US"}, {"Bavaria", "DE"}, {"Berlin", "DE"}, {"Ile-de-France", "FR"},
        {"London", "GB"}, {"Singapore", "SG"}, {"Bangkok", "TH"}, {"Moscow", "RU"}};

    static final String[] SYLLABLES = {"Hai", "Xin", "Chuang", "Rui", "Tian", "Hua", "Zhi", "Yun", "Shu", "Jing",
        "Long", "Feng", "Bo", "Ming", "Yuan", "Qi", "Lan", "Sheng", "Da", "Jin", "Heng", "Tai", "Kang", "Yi"};

    static final String[] DOMAINS = {"Digital Technology", "Culture Media", "Animation", "Film and Television",
        "Cultural Tourism Development", "Information Technology", "Network Technology", "Intelligent Equipment",
        "Creative Design", "Interactive Entertainment"};

    /** Well-known participants: name, org_type, region, country, industry, leading. */
    static final String[][] SH_FAMOUS = {
        {"Weimeng Group", "enterprise", "Shanghai", "CN", "Software and Information Services", "yes"},
        {"Meituan", "enterprise", "Beijing", "CN", "Local Services", "yes"},
        {"Ctrip", "enterprise", "Shanghai", "CN", "Online Travel", "yes"},
        {"Ant Group", "enterprise", "Zhejiang", "CN", "Fintech", "yes"},
        {"Vibrato Group", "enterprise", "Beijing", "CN", "Online Entertainment", "yes"},
        {"Lingyu Intelligent", "enterprise", "Shanghai", "CN", "AIGC", "no"},
        {"Zhongke Shenzhi", "enterprise", "Beijing", "CN", "AIGC", "no"},
        {"Silicon-based Intelligent", "enterprise", "Jiangsu", "CN", "AIGC", "no"},
        {"Jizhi Interactive", "enterprise", "Shanghai", "CN", "Metaverse", "no"},
        {"Bilibili", "enterprise", "Shanghai", "CN", "Online Entertainment", "yes"},
        {"Xiaohongshu", "enterprise", "Shanghai", "CN", "E-commerce", "no"},
        {"Pinduoduo", "enterprise", "Shanghai", "CN", "E-commerce", "yes"},
        {"China Mobile Shanghai", "enterprise", "Shanghai", "CN", "5G Applications", "yes"},
        {"China Telecom Shanghai", "enterprise", "Shanghai", "CN", "5G Applications", "yes"},
        {"China Unicom Shanghai", "enterprise", "Shanghai", "CN", "5G Applications", "yes"},
        {"SenseTime", "enterprise", "Shanghai", "CN", "AIGC", "yes"},
        {"miHoYo", "enterprise", "Shanghai", "CN", "Online Entertainment", "no"},
        {"Ximalaya", "enterprise", "Shanghai", "CN", "Online Entertainment", "no"},
        {"Huawei", "enterprise", "Guangdong", "CN", "Intelligent Terminals", "yes"},
        {"Xiaomi", "enterprise", "Beijing", "CN", "Intelligent Terminals", "yes"},
        {"Samsung Electronics", "enterprise", "Seoul", "KR", "Intelligent Terminals", "yes"},
        {"Apple", "enterprise", "California", "US", "Intelligent Terminals", "yes"},
        {"Bailian Group", "enterprise", "Shanghai", "CN", "E-commerce", "yes"},
        {"Shanghai Information Consumption Association", "institution", "Shanghai", "CN",
            "Software and Information Services", "no"},
    };

    static final String[][] SH_ORGANIZERS = {
        {"Shanghai Municipal Commission of Economy and Informatization", "institution", "Shanghai", "CN", "", "no"},
        {"Shanghai Municipal Commission of Commerce", "institution", "Shanghai", "CN", "", "no"},
        {"Huangpu District People's Government", "institution", "Shanghai", "CN", "", "no"},
    };

    static final String[][] QD_FAMOUS = {
        {"Hisense Group", "enterprise", "Shandong", "CN", "Consumer Electronics", "yes"},
        {"Haier Group", "enterprise", "Shandong", "CN", "Consumer Electronics", "yes"},
        {"Inspur Group", "enterprise", "Shandong", "CN", "Culture Big Data", "yes"},
        {"Goertek", "enterprise", "Shandong", "CN", "Consumer Electronics", "yes"},
        {"Qingdao Oriental Movie Metropolis", "enterprise", "Shandong", "CN", "Film and TV", "yes"},
        {"Shandong Radio and Television Station", "institution", "Shandong", "CN", "Network Audiovisual", "no"},
        {"Qingdao Publishing Group", "enterprise", "Shandong", "CN", "Digital Publishing", "no"},
        {"Shandong Provincial Library", "institution", "Shandong", "CN", "Culture Big Data", "no"},
        {"Qingdao Film Academy", "institution", "Shandong", "CN", "Film and TV", "no"},
        {"China Film Group", "enterprise", "Beijing", "CN", "Film and TV", "yes"},
        {"Tencent", "enterprise", "Guangdong", "CN", "Games and E-sports", "yes"},
        {"Huawei", "enterprise", "Guangdong", "CN", "Consumer Electronics", "yes"},
        {"iQIYI", "enterprise", "Beijing", "CN", "Network Audiovisual", "yes"},
        {"Perfect World", "enterprise", "Beijing", "CN", "Games and E-sports", "no"},
        {"Mango TV", "enterprise", "Hunan", "CN", "Network Audiovisual", "no"},
        {"Studio \"Blue Sea\", Ltd.", "enterprise", "Seoul", "KR", "Animation", "no"},
        {"Tokyo Pixel Works Co., Ltd.", "enterprise", "Tokyo", "JP", "Animation", "no"},
        {"Bavaria Media Tech GmbH", "enterprise", "Bavaria", "DE", "Film and TV", "no"},
        {"Pacific Immersive Inc.", "enterprise", "California", "US", "Metaverse", "no"},
    };

    static final String[][] QD_ORGANIZERS = {
        {"Shandong Provincial Department of Culture and Tourism", "institution", "Shandong", "CN", "", "no"},
        {"Qingdao Municipal People's Government", "institution", "Shandong", "CN", "", "no"},
        {"West Coast New Area Management Committee", "institution", "Shandong", "CN", "", "no"},
    };
}
